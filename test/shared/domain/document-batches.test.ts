import { describe, expect, it } from 'vitest';
import { documentBatchMessageSchema, packDocumentBatches } from '#shared/domain/document-batches';
import { DOCUMENT_LIMITS, toKnowledgeDocument } from '#shared/domain/documents';

const taskId = '6f1c1f5e-8d0a-4a7e-9a51-0f3c2b1d9e11';
const doc = (i: number, size = 10) =>
  toKnowledgeDocument({ title: `t${i}`, text: 'x'.repeat(size), domain: 'general' });

describe('packDocumentBatches', () => {
  it('puts small documents in one message', () => {
    const batches = packDocumentBatches(taskId, [doc(1), doc(2), doc(3)]);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.documents.map((entry) => entry.index)).toEqual([0, 1, 2]);
  });

  it('splits documents across messages that each stay under the byte limit', () => {
    const documents = Array.from({ length: 100 }, (_, i) => doc(i, DOCUMENT_LIMITS.maxTextLength));
    const batches = packDocumentBatches(taskId, documents);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(240 * 1024);
    expect(batches.flatMap((batch) => batch.documents.map((entry) => entry.index))).toEqual(documents.map((_, i) => i));
  });

  it('keeps a largest possible document, in three-byte characters, within one message', () => {
    const wide = toKnowledgeDocument({
      title: 'w',
      text: '€'.repeat(DOCUMENT_LIMITS.maxTextLength),
      domain: 'general',
    });
    const [batch] = packDocumentBatches(taskId, [wide]);
    expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(256 * 1024);
  });

  it('produces messages the task accepts', () => {
    const [batch] = packDocumentBatches(taskId, [doc(1)]);
    expect(documentBatchMessageSchema.safeParse(JSON.parse(JSON.stringify(batch))).success).toBe(true);
  });
});

describe('long tasks', () => {
  it('are split into messages of at most MAX_DOCUMENTS_PER_MESSAGE documents, every document once', () => {
    // Prepare
    const documents = Array.from({ length: 25 }, (_, index) =>
      toKnowledgeDocument({ title: `Doc ${index}`, text: 'Short.', domain: 'general' }),
    );

    // Act
    const batches = packDocumentBatches('6f1c1f5e-8d0a-4a7e-9a51-0f3c2b1d9e11', documents);

    // Assess
    expect(batches.map((batch) => batch.documents.length)).toEqual([10, 10, 5]);
    expect(batches.flatMap((batch) => batch.documents.map((entry) => entry.index))).toEqual([...Array(25).keys()]);
  });
});
