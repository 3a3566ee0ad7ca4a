import { describe, expect, it } from 'vitest';
import { conceptListQuerySchema } from '#shared/domain/concepts';
import { ConflictError, NotFoundError } from '#shared/errors';
import {
  createConcept,
  deleteConcept,
  getConcept,
  listConceptRelations,
  listConcepts,
  relateConcepts,
  unrelateConcepts,
  updateConcept,
} from '#shared/services/concepts';
import { knowledgeServiceDeps } from '../../support/knowledge-services.ts';

const created = new Date('2030-01-02T03:04:05.678Z');
const later = new Date('2030-02-03T04:05:06.789Z');

function deps(now = created) {
  return knowledgeServiceDeps(now);
}

describe('the concept service', () => {
  it('creates a concept with a new id, the current time and version 1', async () => {
    // Prepare
    const context = deps();

    // Act
    const concept = await createConcept({ name: 'Yggdrasil', domain: 'religion', type: 'idea' }, context);

    // Assess
    expect(concept).toStrictEqual({
      id: expect.stringMatching(/^con_[A-Za-z0-9_-]{22}$/) as string,
      name: 'Yggdrasil',
      domain: 'religion',
      type: 'idea',
      createdAt: created.toISOString(),
      updatedAt: created.toISOString(),
      version: 1,
    });
    expect(await context.store.concepts.get(concept.id)).toStrictEqual(concept);
  });

  it('uses the id it is given', async () => {
    // Prepare
    const id = 'con_AAAAAAAAAAAAAAAAAAAAAA';

    // Act
    const concept = await createConcept(
      { name: 'Yggdrasil', domain: 'religion', type: 'idea' },
      { ...deps(), newId: () => id },
    );

    // Assess
    expect(concept.id).toBe(id);
  });

  it('answers an unknown concept with a 404 that names it', async () => {
    // Act
    const read = getConcept('con_BBBBBBBBBBBBBBBBBBBBBB', deps());

    // Assess
    await expect(read).rejects.toThrow(NotFoundError);
    await expect(read).rejects.toThrow("No concept 'con_BBBBBBBBBBBBBBBBBBBBBB'");
  });

  it('stamps an update with the current time', async () => {
    // Prepare
    const context = deps();
    const concept = await createConcept(
      { name: 'Ask', domain: 'general', type: 'idea' },
      { ...context, now: () => created },
    );

    // Act
    const updated = await updateConcept({ id: concept.id, patch: { name: 'Ash' } }, { ...context, now: () => later });

    // Assess
    expect(updated).toMatchObject({ name: 'Ash', updatedAt: later.toISOString(), createdAt: created.toISOString() });
  });

  it('passes the expected version on, so a stale one is refused', async () => {
    // Prepare
    const context = deps();
    const concept = await createConcept({ name: 'Ask', domain: 'general', type: 'idea' }, context);

    // Act
    const update = updateConcept({ id: concept.id, patch: { name: 'Ash' }, expectedVersion: 7 }, context);

    // Assess
    await expect(update).rejects.toBeInstanceOf(ConflictError);
  });

  it('relates, lists and unrelates concepts', async () => {
    // Prepare
    const context = deps();
    const [tree, well] = await Promise.all(
      ['Tree', 'Well'].map((name) => createConcept({ name, domain: 'general', type: 'place' }, context)),
    );
    if (!tree || !well) throw new Error('concepts not created');

    // Act
    await relateConcepts(well.id, { to: tree.id, type: 'part_of', strength: 0.5 }, context);
    const related = await listConceptRelations(tree.id, context);
    await unrelateConcepts({ from: well.id, to: tree.id, type: 'part_of' }, context);

    // Assess
    expect(related).toEqual([{ from: well.id, to: tree.id, type: 'part_of', strength: 0.5 }]);
    expect(await listConceptRelations(tree.id, context)).toEqual([]);
  });

  it('lists the page a parsed query string asks for', async () => {
    // Prepare
    const context = deps();
    const kept = await createConcept({ name: 'Kept', domain: 'science', type: 'other' }, context);
    await createConcept({ name: 'Elsewhere', domain: 'history', type: 'other' }, context);

    // Act
    const page = await listConcepts(conceptListQuerySchema.parse({ domain: 'science', limit: '5' }), context);

    // Assess
    expect(page).toStrictEqual({ items: [kept] });
  });

  it('deletes a concept', async () => {
    // Prepare
    const context = deps();
    const concept = await createConcept({ name: 'Gone', domain: 'general', type: 'other' }, context);

    // Act
    await deleteConcept(concept.id, context);

    // Assess
    await expect(getConcept(concept.id, context)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('serves the changed concept to the next read after an update, not the cached one', async () => {
    // Prepare
    const context = deps();
    const concept = await createConcept({ name: 'Ask', domain: 'general', type: 'idea' }, context);
    await getConcept(concept.id, context);

    // Act
    await updateConcept({ id: concept.id, patch: { name: 'Ash' } }, context);

    // Assess
    expect(await getConcept(concept.id, context)).toMatchObject({ name: 'Ash', version: 2 });
  });

  it('forgets a deleted concept in the cache, so the next read is a 404', async () => {
    // Prepare
    const context = deps();
    const concept = await createConcept({ name: 'Ask', domain: 'general', type: 'idea' }, context);
    await getConcept(concept.id, context);

    // Act
    await deleteConcept(concept.id, context);

    // Assess
    await expect(getConcept(concept.id, context)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('forgets both ends of a new relation in the cache', async () => {
    // Prepare
    const context = deps();
    const [from, to] = await Promise.all(
      ['Ask', 'Embla'].map((name) => createConcept({ name, domain: 'general', type: 'idea' }, context)),
    );
    if (from === undefined || to === undefined) throw new Error('two concepts were made');
    await Promise.all([getConcept(from.id, context), getConcept(to.id, context)]);

    // Act
    await relateConcepts(from.id, { to: to.id, type: 'is_a', strength: 1 }, context);

    // Assess
    expect(context.cache.local.get(`concept:${from.id}`)).toBeUndefined();
    expect(context.cache.local.get(`concept:${to.id}`)).toBeUndefined();
  });
});
