import { beforeAll, describe, expect, it } from 'vitest';
import { manifest, taskFunctions, type TaskFunction } from '#functions/manifest';
import {
  logicalIdOf,
  resourceOf,
  resourcesOfType,
  synthesize,
  type Synthesized,
  type TemplateResource,
} from './synthesize.ts';

const tasks: readonly TaskFunction[] = Object.values(taskFunctions);

describe('TaskQueue', () => {
  let synthesized: Synthesized;

  function queuesOf(definition: TaskFunction) {
    const taskQueue = synthesized.stack.taskQueues.get(definition.task);
    if (!taskQueue) throw new Error(`No queue for ${definition.task}`);
    return taskQueue;
  }

  /** The one mapping from the task's queue to its function. */
  function eventSourceMappingOf(definition: TaskFunction): TemplateResource {
    const fn = synthesized.stack.functions.get(definition.name);
    if (!fn) throw new Error(`No function ${definition.name}`);
    const mappings = resourcesOfType(synthesized, 'AWS::Lambda::EventSourceMapping', {
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(synthesized, queuesOf(definition).queue), 'Arn'] },
        FunctionName: { Ref: logicalIdOf(synthesized, fn.handler) },
      },
    });
    const [mapping, ...others] = mappings;
    if (!mapping || others.length > 0) throw new Error(`Expected one event source mapping, found ${mappings.length}`);
    return mapping;
  }

  beforeAll(() => {
    synthesized = synthesize(manifest);
  });

  it('builds one queue and one dead-letter queue per task function', () => {
    // Act
    const queues = resourcesOfType(synthesized, 'AWS::SQS::Queue');

    // Assess
    expect(queues).toHaveLength(2 * tasks.length);
  });

  it.each(tasks)(
    'hides a received $task message for its visibility timeout, at least 6 × the function timeout',
    (definition) => {
      // Act
      const { Properties } = resourceOf(synthesized, queuesOf(definition).queue);

      // Assess
      expect(Properties.VisibilityTimeout).toBe(definition.queue.visibilityTimeoutSeconds);
      expect(Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * definition.timeoutSeconds);
    },
  );

  it.each(tasks)('moves a $task message to its dead-letter queue after maxReceiveCount deliveries', (definition) => {
    // Prepare
    const { queue, deadLetterQueue } = queuesOf(definition);

    // Act
    const { Properties } = resourceOf(synthesized, queue);

    // Assess
    expect(Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(synthesized, deadLetterQueue), 'Arn'] },
      maxReceiveCount: definition.queue.maxReceiveCount,
    });
  });

  it.each(tasks)('keeps $task dead letters for the retention of its entry', (definition) => {
    // Act
    const { Properties } = resourceOf(synthesized, queuesOf(definition).deadLetterQueue);

    // Assess
    expect(Properties.MessageRetentionPeriod).toBe(definition.queue.deadLetterRetentionDays * 24 * 60 * 60);
  });

  it('encrypts every queue at rest', () => {
    // Act
    const queues = resourcesOfType(synthesized, 'AWS::SQS::Queue');

    // Assess
    expect(queues.map((queue) => queue.Properties.SqsManagedSseEnabled)).toEqual(queues.map(() => true));
  });

  it.each(tasks)('feeds $task messages to its function in batches that report item failures', (definition) => {
    // Act
    const { Properties } = eventSourceMappingOf(definition);

    // Assess
    expect(Properties).toMatchObject({
      BatchSize: definition.queue.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it.each(tasks)(
    "caps the $task poller at the queue's maxConcurrency, within the reserved concurrency",
    (definition) => {
      // Act
      const { Properties } = eventSourceMappingOf(definition);

      // Assess
      expect(Properties.ScalingConfig).toEqual({ MaximumConcurrency: definition.queue.maxConcurrency });
      expect(definition.queue.maxConcurrency).toBeLessThanOrEqual(definition.reservedConcurrency ?? Infinity);
    },
  );

  it.each(tasks)('gathers $task batches for at most its batching window', (definition) => {
    // Act
    const { Properties } = eventSourceMappingOf(definition);

    // Assess
    expect(Properties.MaximumBatchingWindowInSeconds).toBe(definition.queue.batchWindowSeconds);
  });

  it.each(tasks)(
    'dead-letters a $task message itself before SQS would: maxRetries < maxReceiveCount ≥ 5',
    (definition) => {
      expect(definition.queue.maxReceiveCount).toBeGreaterThanOrEqual(5);
      expect(definition.queue.maxRetries).toBeLessThan(definition.queue.maxReceiveCount);
      expect(definition.queue.softTimeLimitSeconds).toBeLessThan(definition.timeoutSeconds);
    },
  );

  it.each(tasks)(
    'lets the $task function change visibility, requeue and dead-letter on its own queues',
    (definition) => {
      // Prepare
      const fn = synthesized.stack.functions.get(definition.name);
      const { queue, deadLetterQueue } = queuesOf(definition);

      // Act
      const policies = resourcesOfType(synthesized, 'AWS::IAM::Policy');
      const statements = JSON.stringify(policies.map((policy) => policy.Properties));

      // Assess
      expect(fn).toBeDefined();
      expect(statements).toContain('sqs:ChangeMessageVisibility');
      expect(statements).toContain(logicalIdOf(synthesized, deadLetterQueue));
      expect(statements).toContain(logicalIdOf(synthesized, queue));
    },
  );

  it.each(tasks)('alarms to the alarm topic as soon as a $task dead letter arrives', (definition) => {
    // Prepare
    const { deadLetterQueue } = queuesOf(definition);

    // Act & Assess
    synthesized.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(synthesized, deadLetterQueue), 'QueueName'] } },
      ],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      AlarmActions: [{ Ref: logicalIdOf(synthesized, synthesized.stack.alarms.topic) }],
    });
  });
});
