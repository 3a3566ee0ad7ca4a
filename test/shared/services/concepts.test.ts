import { describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedKnowledgeStore } from '#shared/adapters/embedded/knowledge-store';
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

const created = new Date('2030-01-02T03:04:05.678Z');
const later = new Date('2030-02-03T04:05:06.789Z');

function deps(now = created) {
  const concepts = new EmbeddedKnowledgeStore({ database: openEmbeddedDatabase({ dataDir: '', inMemory: true }) });
  return { concepts, now: () => now };
}

describe('the concept service', () => {
  it('creates a concept with a new id, the current time and version 1', async () => {
    // Prepare
    const { concepts, now } = deps();

    // Act
    const concept = await createConcept({ name: 'Yggdrasil', domain: 'religion', type: 'idea' }, { concepts, now });

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
    expect(await concepts.getConcept(concept.id)).toStrictEqual(concept);
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
    const { concepts } = deps();
    const concept = await createConcept(
      { name: 'Ask', domain: 'general', type: 'idea' },
      { concepts, now: () => created },
    );

    // Act
    const updated = await updateConcept({ id: concept.id, patch: { name: 'Ash' } }, { concepts, now: () => later });

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
});
