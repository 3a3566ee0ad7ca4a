import { describe, expect, it } from 'vitest';
import { documentSubmissionSchema, toKnowledgeDocument } from '#shared/domain/documents';

describe('documents', () => {
  it('gives equal content the same id, so a resubmission lands on the same node', () => {
    const first = toKnowledgeDocument({ title: 'Euclid', text: 'Elements', domain: 'mathematics' });
    const second = toKnowledgeDocument({ title: 'Euclid', text: 'Elements', domain: 'mathematics' });
    expect(second.id).toBe(first.id);
  });

  it('gives documents that differ only in domain different ids', () => {
    const maths = toKnowledgeDocument({ title: 'Euclid', text: 'Elements', domain: 'mathematics' });
    const history = toKnowledgeDocument({ title: 'Euclid', text: 'Elements', domain: 'history' });
    expect(history.id).not.toBe(maths.id);
  });

  it('files a document without a domain under general', () => {
    const parsed = documentSubmissionSchema.parse({ documents: [{ title: 'a', text: 'b' }] });
    expect(parsed.documents[0]?.domain).toBe('general');
  });

  it('refuses an unknown domain', () => {
    const parsed = documentSubmissionSchema.safeParse({ documents: [{ title: 'a', text: 'b', domain: 'astrology' }] });
    expect(parsed.success).toBe(false);
  });

  it('refuses unknown fields', () => {
    const parsed = documentSubmissionSchema.safeParse({ documents: [{ title: 'a', text: 'b', author: 'x' }] });
    expect(parsed.success).toBe(false);
  });
});
