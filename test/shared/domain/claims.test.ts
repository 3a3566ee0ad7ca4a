import { describe, expect, it } from 'vitest';
import {
  addEvidenceSchema,
  applyClaimChanges,
  CLAIM_LIMITS,
  claimIdSchema,
  claimInUse,
  claimListQuerySchema,
  claimPage,
  createClaimSchema,
  evidenceIdSchema,
  newClaim,
  newClaimId,
  newEvidenceId,
  resolveClaimQuery,
  updateClaimSchema,
  type Claim,
} from '#shared/domain/claims';
import { ValidationError } from '#shared/errors';

function claim(day: number): Claim {
  return newClaim(
    { text: `Claim ${day}`, domain: 'general', verified: false },
    newClaimId(),
    new Date(Date.UTC(2030, 0, day)),
  );
}

describe('claim and evidence ids', () => {
  it('are clm_ and evd_ and 22 url-safe characters', () => {
    // Act
    const ids = [newClaimId(), newEvidenceId()];

    // Assess
    expect(ids[0]).toMatch(/^clm_[A-Za-z0-9_-]{22}$/);
    expect(ids[1]).toMatch(/^evd_[A-Za-z0-9_-]{22}$/);
  });

  it.each(['', 'clm_', newEvidenceId(), 'clm_AAAA AAAA AAAA AAAA'])('refuse %j as a claim id', (id) => {
    // Act
    const parsed = claimIdSchema.safeParse(id);

    // Assess
    expect(parsed.success).toBe(false);
  });

  it('refuse a claim id as an evidence id', () => {
    // Act
    const parsed = evidenceIdSchema.safeParse(newClaimId());

    // Assess
    expect(parsed.success).toBe(false);
  });
});

describe('the create claim body', () => {
  it('defaults the domain to general and verified to false', () => {
    // Act
    const input = createClaimSchema.parse({ text: ' The ash is evergreen. ' });

    // Assess
    expect(input).toEqual({ text: 'The ash is evergreen.', domain: 'general', verified: false });
  });

  it.each([
    ['a missing text', {}, 'text'],
    ['a text of the wrong type', { text: ['a'] }, 'text'],
    ['a text that is too long', { text: 'x'.repeat(CLAIM_LIMITS.maxTextLength + 1) }, 'text'],
    ['a confidence above 1', { text: 'a', confidence: 1.01 }, 'confidence'],
    ['a confidence below 0', { text: 'a', confidence: -0.1 }, 'confidence'],
    ['verified given as text', { text: 'a', verified: 'true' }, 'verified'],
    ['a source that is too long', { text: 'a', source: 'x'.repeat(2_049) }, 'source'],
    ['an unknown field', { text: 'a', author: 'Snorri' }, ''],
  ])('refuses %s', (_case, body, field) => {
    // Act
    const parsed = createClaimSchema.safeParse(body);

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(field);
  });
});

describe('the update claim body', () => {
  it('takes null as removing confidence or source', () => {
    // Act
    const patch = updateClaimSchema.parse({ confidence: null, source: null });

    // Assess
    expect(patch).toEqual({ confidence: null, source: null });
  });

  it.each([
    ['an empty patch', {}],
    ['a null text', { text: null }],
    ['a null verified', { verified: null }],
    ['an unknown field', { id: newClaimId() }],
  ])('refuses %s', (_case, body) => {
    // Act
    const parsed = updateClaimSchema.safeParse(body);

    // Assess
    expect(parsed.success).toBe(false);
  });
});

describe('the evidence body', () => {
  it.each([
    ['a missing source', { text: 'a', confidence: 0.5 }],
    ['a missing confidence', { text: 'a', source: 'b' }],
    ['a text that is too long', { text: 'x'.repeat(5_001), source: 'b', confidence: 0.5 }],
    ['an unknown field', { text: 'a', source: 'b', confidence: 0.5, claimId: newClaimId() }],
  ])('refuses %s', (_case, body) => {
    // Act
    const parsed = addEvidenceSchema.safeParse(body);

    // Assess
    expect(parsed.success).toBe(false);
  });
});

describe('the claim list query', () => {
  it.each([
    ['true', true],
    ['false', false],
  ])('reads verified=%s as %s', (text, verified) => {
    // Act
    const query = claimListQuerySchema.parse({ verified: text });

    // Assess
    expect(query.verified).toBe(verified);
  });

  it.each([
    ['verified that is neither true nor false', { verified: 'yes' }],
    ['a limit above 100', { limit: '101' }],
    ['an unknown domain', { domain: 'astrology' }],
    ['an unknown parameter', { text: 'ash' }],
  ])('refuses %s', (_case, query) => {
    // Act
    const parsed = claimListQuerySchema.safeParse(query);

    // Assess
    expect(parsed.success).toBe(false);
  });
});

describe('claim pages', () => {
  it('continue strictly before the last claim of the page', () => {
    // Prepare
    const rows = [claim(3), claim(2), claim(1)];

    // Act
    const page = claimPage(rows, { limit: 2 });

    // Assess
    expect(resolveClaimQuery({ limit: 2, cursor: page.nextCursor }).before).toEqual({
      createdAt: rows[1]?.createdAt,
      id: rows[1]?.id,
    });
  });

  it('refuse a cursor issued for another verified filter', () => {
    // Prepare
    const { nextCursor } = claimPage([claim(2), claim(1)], { verified: true, limit: 1 });

    // Act
    const resolve = () => resolveClaimQuery({ verified: false, limit: 1, cursor: nextCursor });

    // Assess
    expect(resolve).toThrow(ValidationError);
  });

  it.each([0, 101])('refuse a limit of %s', (limit) => {
    // Act
    const resolve = () => resolveClaimQuery({ limit });

    // Assess
    expect(resolve).toThrow('limit: must be an integer from 1 to 100');
  });
});

describe('applying claim changes', () => {
  it('changes the given fields, removes the nulled ones and bumps the version', () => {
    // Prepare
    const original = newClaim(
      { text: 'a', domain: 'science', confidence: 0.5, verified: false, source: 'b' },
      newClaimId(),
      new Date('2030-01-01T00:00:00.000Z'),
    );

    // Act
    const changed = applyClaimChanges(original, {
      verified: true,
      source: null,
      updatedAt: '2031-01-01T00:00:00.000Z',
    });

    // Assess
    const { id, text, domain, confidence, createdAt } = original;
    expect(changed).toStrictEqual({
      id,
      text,
      domain,
      confidence,
      verified: true,
      createdAt,
      updatedAt: '2031-01-01T00:00:00.000Z',
      version: 2,
    });
  });
});

describe('a claim in use', () => {
  it('is described by its links to other claims and documents', () => {
    // Act
    const detail = claimInUse('clm_x', { claims: 2, documents: 0, others: 1 });

    // Assess
    expect(detail).toBe(
      "Claim 'clm_x' is still linked (2 claims it validates, contradicts or is checked by, 1 other link): remove those links first",
    );
  });
});
