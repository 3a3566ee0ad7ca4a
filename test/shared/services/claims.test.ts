import { describe, expect, it } from 'vitest';
import { claimListQuerySchema } from '#shared/domain/claims';
import { NotFoundError } from '#shared/errors';
import {
  addEvidence,
  createClaim,
  deleteClaim,
  getClaim,
  listClaims,
  listEvidence,
  updateClaim,
} from '#shared/services/claims';
import { knowledgeServiceDeps } from '../../support/knowledge-services.ts';

const created = new Date('2030-01-02T03:04:05.678Z');
const later = new Date('2030-02-03T04:05:06.789Z');

function deps(now = created) {
  return knowledgeServiceDeps(now);
}

describe('the claim service', () => {
  it('creates a claim with a new id, the current time and version 1', async () => {
    // Prepare
    const context = deps();

    // Act
    const claim = await createClaim({ text: 'The ash is evergreen.', domain: 'religion', verified: false }, context);

    // Assess
    expect(claim).toStrictEqual({
      id: expect.stringMatching(/^clm_[A-Za-z0-9_-]{22}$/) as string,
      text: 'The ash is evergreen.',
      domain: 'religion',
      verified: false,
      createdAt: created.toISOString(),
      updatedAt: created.toISOString(),
      version: 1,
    });
    expect(await getClaim(claim.id, context)).toStrictEqual(claim);
  });

  it('answers an unknown claim with a 404 that names it', async () => {
    // Act
    const read = getClaim('clm_BBBBBBBBBBBBBBBBBBBBBB', deps());

    // Assess
    await expect(read).rejects.toThrow("No claim 'clm_BBBBBBBBBBBBBBBBBBBBBB'");
  });

  it('stamps an update with the current time', async () => {
    // Prepare
    const context = deps();
    const claim = await createClaim(
      { text: 'a', domain: 'general', verified: false },
      { ...context, now: () => created },
    );

    // Act
    const updated = await updateClaim({ id: claim.id, patch: { verified: true } }, { ...context, now: () => later });

    // Assess
    expect(updated).toMatchObject({ verified: true, updatedAt: later.toISOString(), version: 2 });
  });

  it('adds evidence with a new id, its claim and the current time', async () => {
    // Prepare
    const context = deps();
    const claim = await createClaim({ text: 'a', domain: 'general', verified: false }, context);

    // Act
    const evidence = await addEvidence(
      claim.id,
      { text: 'Völuspá 19', source: 'Codex Regius', confidence: 0.9 },
      context,
    );

    // Assess
    expect(evidence).toStrictEqual({
      id: expect.stringMatching(/^evd_[A-Za-z0-9_-]{22}$/) as string,
      claimId: claim.id,
      text: 'Völuspá 19',
      source: 'Codex Regius',
      confidence: 0.9,
      createdAt: created.toISOString(),
    });
    expect(await listEvidence(claim.id, context)).toStrictEqual([evidence]);
  });

  it('deletes a claim with its evidence', async () => {
    // Prepare
    const context = deps();
    const claim = await createClaim({ text: 'a', domain: 'general', verified: false }, context);
    await addEvidence(claim.id, { text: 'b', source: 'c', confidence: 0.5 }, context);

    // Act
    await deleteClaim(claim.id, context);

    // Assess
    await expect(listEvidence(claim.id, context)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getClaim(claim.id, context)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists the page a parsed query string asks for', async () => {
    // Prepare
    const context = deps();
    const checked = await createClaim({ text: 'checked', domain: 'general', verified: true }, context);
    await createClaim({ text: 'open', domain: 'general', verified: false }, context);

    // Act
    const page = await listClaims(claimListQuerySchema.parse({ verified: 'true' }), context);

    // Assess
    expect(page).toStrictEqual({ items: [checked] });
  });

  it('serves the changed claim to the next read after an update, not the cached one', async () => {
    // Prepare
    const context = deps();
    const claim = await createClaim({ text: 'a', domain: 'general', verified: false }, context);
    await getClaim(claim.id, context);

    // Act
    await updateClaim({ id: claim.id, patch: { verified: true } }, context);

    // Assess
    expect(await getClaim(claim.id, context)).toMatchObject({ verified: true, version: 2 });
  });

  it('forgets the claim and its evidence in the cache when evidence is added', async () => {
    // Prepare
    const context = deps();
    const claim = await createClaim({ text: 'a', domain: 'general', verified: false }, context);
    await getClaim(claim.id, context);
    context.cache.local.set(`evidence:${claim.id}`, '[]');

    // Act
    await addEvidence(claim.id, { text: 'seen', source: 'Edda', confidence: 0.5 }, context);

    // Assess
    expect(context.cache.local.get(`claim:${claim.id}`)).toBeUndefined();
    expect(context.cache.local.get(`evidence:${claim.id}`)).toBeUndefined();
  });

  it('forgets a deleted claim in the cache, so the next read is a 404', async () => {
    // Prepare
    const context = deps();
    const claim = await createClaim({ text: 'a', domain: 'general', verified: false }, context);
    await getClaim(claim.id, context);

    // Act
    await deleteClaim(claim.id, context);

    // Assess
    await expect(getClaim(claim.id, context)).rejects.toBeInstanceOf(NotFoundError);
  });
});
