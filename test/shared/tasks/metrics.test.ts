import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/tasks/process-documents';
import { progressStore } from '#shared/container/progress';
import { packDocumentBatches } from '#shared/domain/document-batches';
import { toKnowledgeDocument } from '#shared/domain/documents';
import { newTaskRecord } from '#shared/domain/tasks';
import { captureOutput, type CapturedOutput } from '../../support/captured-output.ts';
import { emfRecords, metricNames } from '../../support/emf.ts';
import { lambdaContext, sqsEvent } from '../../support/events.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';

// The test command turns metrics off everywhere; this file checks what they print, so it turns them on
// before the metrics instance is made.
vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
});

useEmbeddedDefaults();

const taskId = '0b7e3c52-2f5e-4f7a-9d31-7a1c5e9b2d40';
const documents = [toKnowledgeDocument({ title: 'Elements', text: 'Euclid', domain: 'mathematics' })];

describe('the task stack’s metrics', () => {
  let output: CapturedOutput;

  beforeEach(() => {
    output = captureOutput();
  });

  afterEach(() => {
    output.stop();
  });

  it('prints the records and their duration as EMF, by task type', async () => {
    // Prepare
    await progressStore().create(newTaskRecord('process-documents', taskId, 1, new Date(), 3600, 'ada'));
    const bodies = packDocumentBatches(taskId, documents).map((batch) => JSON.stringify(batch));

    // Act
    await handler(sqsEvent(bodies), lambdaContext());

    // Assess
    const records = emfRecords(output).filter((record) => metricNames(record).includes('TaskRecords'));
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?._aws.CloudWatchMetrics[0]?.Namespace).toBe('Yggdrasil');
    expect(record).toMatchObject({ task: 'process-documents', TaskRecords: 1 });
    expect(record?.TaskRecordDuration).toBeGreaterThan(0);
    expect(record === undefined ? [] : metricNames(record)).not.toContain('TaskRecordFailures');
  });

  it('counts a record that fails', async () => {
    // Act: a body that is no document batch fails its record
    await handler(sqsEvent(['not json']), lambdaContext());

    // Assess
    const records = emfRecords(output).filter((candidate) => metricNames(candidate).includes('TaskRecordFailures'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ task: 'process-documents', TaskRecordFailures: 1 });
    expect(records[0] === undefined ? [] : metricNames(records[0])).not.toContain('TaskRecords');
  });
});
