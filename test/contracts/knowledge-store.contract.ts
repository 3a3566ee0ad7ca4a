import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  newClaim,
  newClaimId,
  newEvidence,
  newEvidenceId,
  type Claim,
  type ClaimPage,
  type CreateClaimInput,
  type Evidence,
} from '#shared/domain/claims';
import {
  newConcept,
  newConceptId,
  type Concept,
  type ConceptPage,
  type CreateConceptInput,
} from '#shared/domain/concepts';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors';
import type { KnowledgeLimits, KnowledgeStore } from '#shared/ports/knowledge-store';
import { ACCEPTED_EDGE_TEXT } from '../support/accepted-text.ts';

export type MakeKnowledgeStore = (
  limits?: KnowledgeLimits,
) => Promise<{ store: KnowledgeStore; cleanup?: () => Promise<void> }>;

const CREATED = new Date('2030-01-02T03:04:05.678Z');
const LATER = '2030-01-03T00:00:00.000Z';

/** A word no other test (or parallel run on the same server) uses; lists filter on it to see only their rows. */
export function uniqueWord(): string {
  return `w${randomUUID().replaceAll('-', '')}`;
}

export function aConcept(overrides: Partial<CreateConceptInput> = {}, at = CREATED): Concept {
  const input: CreateConceptInput = {
    name: `Yggdrasil ${uniqueWord()}`,
    description: 'The world tree that binds the nine worlds.',
    domain: 'religion',
    type: 'idea',
    level: 'ancient',
    ...overrides,
  };
  return newConcept(input, newConceptId(), at);
}

export function aClaim(overrides: Partial<CreateClaimInput> = {}, at = CREATED): Claim {
  const input: CreateClaimInput = {
    text: `Yggdrasil is an ash tree ${uniqueWord()}`,
    domain: 'religion',
    confidence: 0.8,
    verified: false,
    source: 'https://example.org/eddas',
    ...overrides,
  };
  return newClaim(input, newClaimId(), at);
}

export function anEvidence(claimId: string, at = CREATED, text = 'Völuspá, stanza 19'): Evidence {
  return newEvidence(
    { text, source: 'https://example.org/voluspa', confidence: 0.9 },
    { id: newEvidenceId(), claimId },
    at,
  );
}

async function allConcepts(
  store: KnowledgeStore,
  query: { nameContains: string; limit: number },
): Promise<ConceptPage[]> {
  const pages: ConceptPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.concepts.list({ ...query, ...(cursor !== undefined && { cursor }) });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < 20);
  return pages;
}

async function allClaims(store: KnowledgeStore, query: { textContains: string; limit: number }): Promise<ClaimPage[]> {
  const pages: ClaimPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.claims.list({ ...query, ...(cursor !== undefined && { cursor }) });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < 20);
  return pages;
}

/** The behaviour every KnowledgeStore adapter must share, run once per adapter. */
export function describeKnowledgeStoreContract(adapterName: string, makeStore: MakeKnowledgeStore): void {
  describe(`KnowledgeStore contract: ${adapterName}`, () => {
    let store: KnowledgeStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    it('reports itself as the graph component served by this adapter', () => {
      // Assess
      expect({ component: store.component, adapter: store.adapter }).toEqual({
        component: 'graph',
        adapter: adapterName,
      });
    });

    it('answers its health check', async () => {
      // Act
      const check = store.check();

      // Assess
      await expect(check).resolves.toBeUndefined();
    });

    describe('concepts', () => {
      it('reads back a created concept exactly', async () => {
        // Prepare
        const concept = aConcept();

        // Act
        await store.concepts.create(concept);

        // Assess
        expect(await store.concepts.get(concept.id)).toStrictEqual(concept);
      });

      it('reads back every character the text rule accepts, unchanged', async () => {
        // Prepare
        const concept = aConcept({ name: ACCEPTED_EDGE_TEXT.slice(0, 200), description: ACCEPTED_EDGE_TEXT });

        // Act
        await store.concepts.create(concept);

        // Assess
        expect(await store.concepts.get(concept.id)).toStrictEqual(concept);
      });

      it('reads back a concept without description or level with no such keys', async () => {
        // Prepare
        const concept = newConcept({ name: 'Bare', domain: 'general', type: 'other' }, newConceptId(), CREATED);

        // Act
        await store.concepts.create(concept);

        // Assess
        expect(await store.concepts.get(concept.id)).toStrictEqual(concept);
      });

      it('returns undefined for an id it has never seen', async () => {
        // Act
        const concept = await store.concepts.get(newConceptId());

        // Assess
        expect(concept).toBeUndefined();
      });

      it('refuses a second concept with the same id', async () => {
        // Prepare
        const concept = aConcept();
        await store.concepts.create(concept);

        // Act
        const second = store.concepts.create({ ...concept, name: 'Impostor' });

        // Assess
        await expect(second).rejects.toBeInstanceOf(ConflictError);
        expect((await store.concepts.get(concept.id))?.name).toBe(concept.name);
      });

      it('applies an update, bumps the version and keeps createdAt', async () => {
        // Prepare
        const concept = aConcept();
        await store.concepts.create(concept);

        // Act
        const updated = await store.concepts.update(concept.id, {
          name: 'Irminsul',
          type: 'work',
          updatedAt: LATER,
        });

        // Assess
        const expected = { ...concept, name: 'Irminsul', type: 'work', updatedAt: LATER, version: 2 };
        expect(updated).toStrictEqual(expected);
        expect(await store.concepts.get(concept.id)).toStrictEqual(expected);
      });

      it('changes only the changeable fields, whatever else the changes carry', async () => {
        // Prepare
        const concept = aConcept();
        await store.concepts.create(concept);
        const carried = {
          ...concept,
          id: newConceptId(),
          version: 40,
          createdAt: LATER,
          name: 'Renamed',
          updatedAt: LATER,
        };

        // Act
        const updated = await store.concepts.update(concept.id, carried);

        // Assess
        expect(updated).toStrictEqual({ ...concept, name: 'Renamed', updatedAt: LATER, version: 2 });
      });

      it('removes the optional fields an update sets to null', async () => {
        // Prepare
        const concept = aConcept();
        await store.concepts.create(concept);

        // Act
        const updated = await store.concepts.update(concept.id, { description: null, level: null, updatedAt: LATER });

        // Assess
        expect(Object.keys(updated)).not.toContain('description');
        expect(await store.concepts.get(concept.id)).toStrictEqual(updated);
        expect(updated).not.toHaveProperty('level');
      });

      it('applies an update whose expected version is the stored one', async () => {
        // Prepare
        const concept = aConcept();
        await store.concepts.create(concept);

        // Act
        const updated = await store.concepts.update(concept.id, { name: 'Mímameiðr', updatedAt: LATER }, 1);

        // Assess
        expect(updated).toMatchObject({ name: 'Mímameiðr', version: 2 });
      });

      it('refuses an update with a stale expected version and changes nothing', async () => {
        // Prepare
        const concept = aConcept();
        await store.concepts.create(concept);
        await store.concepts.update(concept.id, { name: 'Second', updatedAt: LATER }, 1);

        // Act
        const stale = store.concepts.update(concept.id, { name: 'Third', updatedAt: LATER }, 1);

        // Assess
        await expect(stale).rejects.toThrow(ConflictError);
        await expect(stale).rejects.toThrow('version 2, not 1');
        expect(await store.concepts.get(concept.id)).toMatchObject({ name: 'Second', version: 2 });
      });

      it('lets exactly one of several concurrent updates with the same expected version win', async () => {
        // Prepare
        const concept = aConcept();
        await store.concepts.create(concept);

        // Act
        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, (_, index) =>
            store.concepts.update(concept.id, { name: `Writer ${index}`, updatedAt: LATER }, 1),
          ),
        );

        // Assess
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const refused = outcomes.flatMap((outcome) =>
          outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
        );
        expect(refused.every((reason) => reason instanceof ConflictError)).toBe(true);
        expect((await store.concepts.get(concept.id))?.version).toBe(2);
      });

      it('loses no version when several unconditional updates run at once', async () => {
        // Prepare
        const concept = aConcept();
        await store.concepts.create(concept);

        // Act
        await Promise.all(
          Array.from({ length: 5 }, (_, index) =>
            store.concepts.update(concept.id, { name: `Writer ${index}`, updatedAt: LATER }),
          ),
        );

        // Assess
        expect((await store.concepts.get(concept.id))?.version).toBe(6);
      });

      it('refuses to update a concept it has never seen', async () => {
        // Act
        const update = store.concepts.update(newConceptId(), { name: 'Nobody', updatedAt: LATER });

        // Assess
        await expect(update).rejects.toBeInstanceOf(NotFoundError);
      });

      it('deletes a concept nothing links to', async () => {
        // Prepare
        const concept = aConcept();
        await store.concepts.create(concept);

        // Act
        await store.concepts.delete(concept.id);

        // Assess
        expect(await store.concepts.get(concept.id)).toBeUndefined();
      });

      it('refuses to delete a concept it has never seen', async () => {
        // Act
        const deletion = store.concepts.delete(newConceptId());

        // Assess
        await expect(deletion).rejects.toBeInstanceOf(NotFoundError);
      });

      it('refuses to delete a concept with relations, says how many, and deletes nothing', async () => {
        // Prepare
        const [tree, well, norns] = [aConcept(), aConcept(), aConcept()];
        for (const concept of [tree, well, norns]) await store.concepts.create(concept);
        await store.relateConcepts(tree.id, well.id, 'part_of', 0.5);
        await store.relateConcepts(norns.id, tree.id, 'influences', 0.7);

        // Act
        const deletion = store.concepts.delete(tree.id);

        // Assess
        await expect(deletion).rejects.toThrow(ConflictError);
        await expect(deletion).rejects.toThrow('remove its 2 relations first');
        expect(await store.concepts.get(tree.id)).toStrictEqual(tree);
        expect(await store.listRelations(tree.id)).toHaveLength(2);
      });

      it('deletes a concept once its relations are removed', async () => {
        // Prepare
        const [tree, well] = [aConcept(), aConcept()];
        for (const concept of [tree, well]) await store.concepts.create(concept);
        await store.relateConcepts(well.id, tree.id, 'part_of', 0.5);
        await store.unrelateConcepts(well.id, tree.id, 'part_of');

        // Act
        await store.concepts.delete(tree.id);

        // Assess
        expect(await store.concepts.get(tree.id)).toBeUndefined();
      });

      it('round-trips unicode unchanged', async () => {
        // Prepare
        const concept = aConcept({
          name: `Ýggdrasill — 世界樹 🌳 ${uniqueWord()}`,
          description: 'Askr ok Embla\nعالم الشجرة\tπ≈3.14159 e\u0301 𝔜𝔤𝔤 👩🏽‍🔬 \u200b end',
        });

        // Act
        await store.concepts.create(concept);

        // Assess
        expect(await store.concepts.get(concept.id)).toStrictEqual(concept);
      });

      it('stores a name written as a query injection literally and touches nothing else', async () => {
        // Prepare
        const bystander = aConcept();
        await store.concepts.create(bystander);
        const injection = `x'}) DETACH DELETE n // ${uniqueWord()}`;
        const hostile = aConcept({ name: injection, description: "'); DROP TABLE concepts; --" });

        // Act
        await store.concepts.create(hostile);
        await store.concepts.update(hostile.id, {
          name: `${injection}"}) MATCH (m) DETACH DELETE m //`,
          updatedAt: LATER,
        });
        const found = await store.concepts.list({ nameContains: "x'}) DETACH DELETE n //", limit: 100 });

        // Assess
        expect((await store.concepts.get(hostile.id))?.name).toBe(`${injection}"}) MATCH (m) DETACH DELETE m //`);
        expect(found.items.map((concept) => concept.id)).toContain(hostile.id);
        expect(await store.concepts.get(bystander.id)).toStrictEqual(bystander);
      });

      describe('lists', () => {
        it('visits every match once, in name order, two at a time', async () => {
          // Prepare
          const word = uniqueWord();
          const concepts = ['e', 'c', 'a', 'd', 'b'].map((letter) => aConcept({ name: `${letter} ${word}` }));
          for (const concept of concepts) await store.concepts.create(concept);

          // Act
          const pages = await allConcepts(store, { nameContains: word, limit: 2 });

          // Assess
          expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
          expect(pages.flatMap((page) => page.items.map((concept) => concept.name))).toEqual(
            ['a', 'b', 'c', 'd', 'e'].map((letter) => `${letter} ${word}`),
          );
          expect(pages.at(-1)?.nextCursor).toBeUndefined();
        });

        it('orders concepts with the same name by id', async () => {
          // Prepare
          const word = uniqueWord();
          const twins = [aConcept({ name: word }), aConcept({ name: word }), aConcept({ name: word })];
          for (const concept of twins) await store.concepts.create(concept);

          // Act
          const pages = await allConcepts(store, { nameContains: word, limit: 1 });

          // Assess
          const ids = twins.map((concept) => concept.id).sort();
          expect(pages.flatMap((page) => page.items.map((concept) => concept.id))).toEqual(ids);
        });

        it('finds names by a substring in any case', async () => {
          // Prepare
          const word = uniqueWord();
          const ash = aConcept({ name: `Ýggdrasill Ash ${word}` });
          const well = aConcept({ name: `Urðarbrunnr ${word}` });
          for (const concept of [ash, well]) await store.concepts.create(concept);

          // Act
          const page = await store.concepts.list({ nameContains: `ÝGGDRASILL ASH ${word.toUpperCase()}`, limit: 10 });

          // Assess
          expect(page.items.map((concept) => concept.id)).toEqual([ash.id]);
        });

        it('keeps to the domain asked for', async () => {
          // Prepare
          const word = uniqueWord();
          const science = aConcept({ name: `Photosynthesis ${word}`, domain: 'science' });
          const history = aConcept({ name: `Thing ${word}`, domain: 'history' });
          for (const concept of [science, history]) await store.concepts.create(concept);

          // Act
          const page = await store.concepts.list({ domain: 'science', nameContains: word, limit: 10 });

          // Assess
          expect(page.items).toStrictEqual([science]);
        });

        it('refuses a cursor that is not one', async () => {
          // Act
          const list = store.concepts.list({ limit: 10, cursor: 'not-a-cursor' });

          // Assess
          await expect(list).rejects.toBeInstanceOf(ValidationError);
        });

        it('refuses a cursor issued for other filters', async () => {
          // Prepare
          const word = uniqueWord();
          for (const letter of ['a', 'b']) await store.concepts.create(aConcept({ name: `${letter} ${word}` }));
          const { nextCursor } = await store.concepts.list({ nameContains: word, limit: 1 });

          // Act
          const list = store.concepts.list({ nameContains: word, domain: 'science', limit: 1, cursor: nextCursor });

          // Assess
          await expect(list).rejects.toThrow('it belongs to a different query');
        });

        it.each([0, 101, 1.5])('refuses a limit of %s', async (limit) => {
          // Act
          const list = store.concepts.list({ limit });

          // Assess
          await expect(list).rejects.toBeInstanceOf(ValidationError);
        });
      });

      describe('relations', () => {
        it('shows a relation from both of its ends', async () => {
          // Prepare
          const [tree, well] = [aConcept(), aConcept()];
          for (const concept of [tree, well]) await store.concepts.create(concept);

          // Act
          const outcome = await store.relateConcepts(well.id, tree.id, 'part_of', 0.25);

          // Assess
          const expected = { from: well.id, to: tree.id, type: 'part_of', strength: 0.25 };
          expect(outcome).toStrictEqual({ relation: expected, created: true });
          expect(await store.listRelations(tree.id)).toStrictEqual([expected]);
          expect(await store.listRelations(well.id)).toStrictEqual([expected]);
        });

        it('keeps one relation, with the latest strength, when the same relation is made twice', async () => {
          // Prepare
          const [tree, well] = [aConcept(), aConcept()];
          for (const concept of [tree, well]) await store.concepts.create(concept);
          await store.relateConcepts(well.id, tree.id, 'part_of', 0.25);

          // Act
          const outcome = await store.relateConcepts(well.id, tree.id, 'part_of', 0.75);

          // Assess
          expect(outcome.created).toBe(false);
          expect(await store.listRelations(tree.id)).toStrictEqual([
            { from: well.id, to: tree.id, type: 'part_of', strength: 0.75 },
          ]);
        });

        it('keeps one relation when the same relation is made concurrently', async () => {
          // Prepare
          const [tree, well] = [aConcept(), aConcept()];
          for (const concept of [tree, well]) await store.concepts.create(concept);

          // Act
          await Promise.all(Array.from({ length: 5 }, () => store.relateConcepts(well.id, tree.id, 'causes', 1)));

          // Assess
          expect(await store.listRelations(tree.id)).toHaveLength(1);
        });

        it('keeps relations of different types between the same concepts apart, in order', async () => {
          // Prepare
          const [tree, well] = [aConcept(), aConcept()];
          for (const concept of [tree, well]) await store.concepts.create(concept);

          // Act
          await store.relateConcepts(well.id, tree.id, 'similar_to', 0.5);
          await store.relateConcepts(well.id, tree.id, 'is_a', 0.5);

          // Assess
          expect((await store.listRelations(well.id)).map((relation) => relation.type)).toEqual(['is_a', 'similar_to']);
        });

        it('names the missing concept when one end does not exist', async () => {
          // Prepare
          const tree = aConcept();
          await store.concepts.create(tree);
          const missing = newConceptId();

          // Act
          const relate = store.relateConcepts(tree.id, missing, 'is_a', 1);

          // Assess
          await expect(relate).rejects.toThrow(NotFoundError);
          await expect(relate).rejects.toThrow(missing);
        });

        it('names the missing source concept', async () => {
          // Prepare
          const tree = aConcept();
          await store.concepts.create(tree);
          const missing = newConceptId();

          // Act
          const relate = store.relateConcepts(missing, tree.id, 'is_a', 1);

          // Assess
          await expect(relate).rejects.toThrow(`No concept '${missing}'`);
        });

        it('refuses to relate a concept to itself', async () => {
          // Prepare
          const tree = aConcept();
          await store.concepts.create(tree);

          // Act
          const relate = store.relateConcepts(tree.id, tree.id, 'similar_to', 1);

          // Assess
          await expect(relate).rejects.toBeInstanceOf(ValidationError);
          expect(await store.listRelations(tree.id)).toEqual([]);
        });

        it('removes a relation', async () => {
          // Prepare
          const [tree, well] = [aConcept(), aConcept()];
          for (const concept of [tree, well]) await store.concepts.create(concept);
          await store.relateConcepts(well.id, tree.id, 'part_of', 0.5);

          // Act
          await store.unrelateConcepts(well.id, tree.id, 'part_of');

          // Assess
          expect(await store.listRelations(tree.id)).toEqual([]);
        });

        it('says so when asked to remove a relation that does not exist', async () => {
          // Prepare
          const [tree, well] = [aConcept(), aConcept()];
          for (const concept of [tree, well]) await store.concepts.create(concept);
          await store.relateConcepts(well.id, tree.id, 'part_of', 0.5);

          // Act
          const unrelate = store.unrelateConcepts(tree.id, well.id, 'part_of');

          // Assess
          await expect(unrelate).rejects.toBeInstanceOf(NotFoundError);
          expect(await store.listRelations(tree.id)).toHaveLength(1);
        });

        it('refuses to list the relations of a concept it has never seen', async () => {
          // Act
          const list = store.listRelations(newConceptId());

          // Assess
          await expect(list).rejects.toBeInstanceOf(NotFoundError);
        });

        it('refuses a relation beyond the most one concept may take part in, but repeats an existing one', async () => {
          // Prepare
          const limited = await makeStore({ maxRelationsPerConcept: 2 });
          try {
            const [hub, a, b, c] = [aConcept(), aConcept(), aConcept(), aConcept()];
            for (const concept of [hub, a, b, c]) await limited.store.concepts.create(concept);
            await limited.store.relateConcepts(hub.id, a.id, 'causes', 1);
            await limited.store.relateConcepts(b.id, hub.id, 'causes', 1);

            // Act
            const third = limited.store.relateConcepts(hub.id, c.id, 'causes', 1);
            const again = limited.store.relateConcepts(hub.id, a.id, 'causes', 0.5);

            // Assess
            await expect(third).rejects.toThrow(ConflictError);
            await expect(again).resolves.toMatchObject({ relation: { strength: 0.5 }, created: false });
          } finally {
            await limited.cleanup?.();
          }
        });
      });
    });

    describe('claims', () => {
      it('reads back a created claim exactly', async () => {
        // Prepare
        const claim = aClaim({ verified: true });

        // Act
        await store.claims.create(claim);

        // Assess
        expect(await store.claims.get(claim.id)).toStrictEqual(claim);
      });

      it('reads back every character the text rule accepts in a claim and its evidence, unchanged', async () => {
        // Prepare
        const claim = aClaim({ text: ACCEPTED_EDGE_TEXT, source: ACCEPTED_EDGE_TEXT });
        const evidence = anEvidence(claim.id, CREATED, ACCEPTED_EDGE_TEXT);

        // Act
        await store.claims.create(claim);
        await store.addEvidence(evidence);

        // Assess
        expect(await store.claims.get(claim.id)).toStrictEqual(claim);
        expect(await store.listEvidence(claim.id)).toStrictEqual([evidence]);
      });

      it('reads back a claim without confidence or source with no such keys', async () => {
        // Prepare
        const claim = newClaim({ text: 'Bare claim', domain: 'general', verified: false }, newClaimId(), CREATED);

        // Act
        await store.claims.create(claim);

        // Assess
        expect(await store.claims.get(claim.id)).toStrictEqual(claim);
      });

      it('returns undefined for an id it has never seen', async () => {
        // Act
        const claim = await store.claims.get(newClaimId());

        // Assess
        expect(claim).toBeUndefined();
      });

      it('refuses a second claim with the same id', async () => {
        // Prepare
        const claim = aClaim();
        await store.claims.create(claim);

        // Act
        const second = store.claims.create(claim);

        // Assess
        await expect(second).rejects.toBeInstanceOf(ConflictError);
      });

      it('applies an update, bumps the version and removes the fields set to null', async () => {
        // Prepare
        const claim = aClaim();
        await store.claims.create(claim);

        // Act
        const updated = await store.claims.update(claim.id, {
          verified: true,
          confidence: null,
          source: null,
          updatedAt: LATER,
        });

        // Assess
        const { id, text, domain, createdAt } = claim;
        const expected = { id, text, domain, verified: true, createdAt, updatedAt: LATER, version: 2 };
        expect(updated).toStrictEqual(expected);
        expect(await store.claims.get(claim.id)).toStrictEqual(expected);
      });

      it('refuses an update with a stale expected version and changes nothing', async () => {
        // Prepare
        const claim = aClaim();
        await store.claims.create(claim);
        await store.claims.update(claim.id, { verified: true, updatedAt: LATER }, 1);

        // Act
        const stale = store.claims.update(claim.id, { text: 'Overwritten', updatedAt: LATER }, 1);

        // Assess
        await expect(stale).rejects.toBeInstanceOf(ConflictError);
        expect(await store.claims.get(claim.id)).toMatchObject({ text: claim.text, verified: true, version: 2 });
      });

      it('refuses to update a claim it has never seen', async () => {
        // Act
        const update = store.claims.update(newClaimId(), { verified: true, updatedAt: LATER });

        // Assess
        await expect(update).rejects.toBeInstanceOf(NotFoundError);
      });

      it('deletes a claim together with its evidence', async () => {
        // Prepare
        const claim = aClaim();
        await store.claims.create(claim);
        await store.addEvidence(anEvidence(claim.id));
        await store.addEvidence(anEvidence(claim.id));

        // Act
        await store.claims.delete(claim.id);

        // Assess
        expect(await store.claims.get(claim.id)).toBeUndefined();
        await expect(store.listEvidence(claim.id)).rejects.toBeInstanceOf(NotFoundError);
      });

      it('leaves other claims and their evidence alone when a claim is deleted', async () => {
        // Prepare
        const [doomed, kept] = [aClaim(), aClaim()];
        for (const claim of [doomed, kept]) await store.claims.create(claim);
        await store.addEvidence(anEvidence(doomed.id));
        const evidence = anEvidence(kept.id);
        await store.addEvidence(evidence);

        // Act
        await store.claims.delete(doomed.id);

        // Assess
        expect(await store.listEvidence(kept.id)).toStrictEqual([evidence]);
      });

      it('refuses to delete a claim it has never seen', async () => {
        // Act
        const deletion = store.claims.delete(newClaimId());

        // Assess
        await expect(deletion).rejects.toBeInstanceOf(NotFoundError);
      });

      it('round-trips unicode and a query injection literally', async () => {
        // Prepare
        const claim = aClaim({
          text: `Ýggdrasill 世界樹 🌳 x'}) DETACH DELETE n // ${uniqueWord()}`,
          source: 'https://example.org/ýggdrasill?q=世界樹',
        });

        // Act
        await store.claims.create(claim);

        // Assess
        expect(await store.claims.get(claim.id)).toStrictEqual(claim);
      });

      describe('lists', () => {
        it('visits every match once, newest first, two at a time', async () => {
          // Prepare
          const word = uniqueWord();
          const claims = [0, 1, 2, 3, 4].map((day) =>
            aClaim({ text: `Claim ${day} ${word}` }, new Date(Date.UTC(2030, 0, 1 + day))),
          );
          for (const claim of claims) await store.claims.create(claim);

          // Act
          const pages = await allClaims(store, { textContains: word, limit: 2 });

          // Assess
          expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
          expect(pages.flatMap((page) => page.items.map((claim) => claim.id))).toEqual(
            [...claims].reverse().map((claim) => claim.id),
          );
        });

        it('keeps to the verified state asked for', async () => {
          // Prepare
          const word = uniqueWord();
          const [checked, open] = [aClaim({ text: `A ${word}`, verified: true }), aClaim({ text: `B ${word}` })];
          for (const claim of [checked, open]) await store.claims.create(claim);

          // Act
          const page = await store.claims.list({ textContains: word, verified: false, limit: 10 });

          // Assess
          expect(page.items).toStrictEqual([open]);
        });

        it('keeps to the domain asked for', async () => {
          // Prepare
          const word = uniqueWord();
          const [science, history] = [
            aClaim({ text: `A ${word}`, domain: 'science' }),
            aClaim({ text: `B ${word}`, domain: 'history' }),
          ];
          for (const claim of [science, history]) await store.claims.create(claim);

          // Act
          const page = await store.claims.list({ textContains: word, domain: 'history', limit: 10 });

          // Assess
          expect(page.items).toStrictEqual([history]);
        });

        it('finds text by a substring in any case', async () => {
          // Prepare
          const word = uniqueWord();
          const claim = aClaim({ text: `Óðinn hung on the tree ${word}` });
          await store.claims.create(claim);

          // Act
          const page = await store.claims.list({
            textContains: `óÐINN HUNG ON THE TREE ${word.toUpperCase()}`,
            limit: 10,
          });

          // Assess
          expect(page.items.map((item) => item.id)).toEqual([claim.id]);
        });

        it('refuses a cursor that is not one', async () => {
          // Act
          const list = store.claims.list({ limit: 10, cursor: 'bm90IGEgY3Vyc29y' });

          // Assess
          await expect(list).rejects.toBeInstanceOf(ValidationError);
        });

        it('refuses a limit above the most one page may hold', async () => {
          // Act
          const list = store.claims.list({ limit: 101 });

          // Assess
          await expect(list).rejects.toBeInstanceOf(ValidationError);
        });
      });

      describe('evidence', () => {
        it('reads back added evidence exactly, oldest first', async () => {
          // Prepare
          const claim = aClaim();
          await store.claims.create(claim);
          const later = anEvidence(claim.id, new Date('2030-02-01T00:00:00.000Z'), 'Grímnismál, stanza 31');
          const earlier = anEvidence(claim.id, new Date('2030-01-15T00:00:00.000Z'), 'Gylfaginning 15 — ÿ 🌳');

          // Act
          await store.addEvidence(later);
          await store.addEvidence(earlier);

          // Assess
          expect(await store.listEvidence(claim.id)).toStrictEqual([earlier, later]);
        });

        it('lists no evidence for a claim without any', async () => {
          // Prepare
          const claim = aClaim();
          await store.claims.create(claim);

          // Act
          const evidence = await store.listEvidence(claim.id);

          // Assess
          expect(evidence).toEqual([]);
        });

        it('refuses evidence for a claim it has never seen', async () => {
          // Prepare
          const missing = newClaimId();

          // Act
          const add = store.addEvidence(anEvidence(missing));

          // Assess
          await expect(add).rejects.toThrow(NotFoundError);
          await expect(add).rejects.toThrow(missing);
        });

        it('refuses evidence beyond the most one claim may hold', async () => {
          // Prepare
          const limited = await makeStore({ maxEvidencePerClaim: 2 });
          try {
            const claim = aClaim();
            await limited.store.claims.create(claim);
            await limited.store.addEvidence(anEvidence(claim.id));
            await limited.store.addEvidence(anEvidence(claim.id));

            // Act
            const third = limited.store.addEvidence(anEvidence(claim.id));

            // Assess
            await expect(third).rejects.toThrow(ConflictError);
            expect(await limited.store.listEvidence(claim.id)).toHaveLength(2);
          } finally {
            await limited.cleanup?.();
          }
        });
      });
    });
  });
}
