import { describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedKnowledgeStore } from '#shared/adapters/embedded/knowledge-store';
import { DependencyError } from '#shared/errors';
import {
  aClaim,
  aConcept,
  anEvidence,
  describeKnowledgeStoreContract,
} from '../../../contracts/knowledge-store.contract.ts';

describeKnowledgeStoreContract('embedded', (limits) => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return Promise.resolve({
    store: new EmbeddedKnowledgeStore({ database, ...(limits && { limits }) }),
    cleanup: () => Promise.resolve(database.close()),
  });
});

describe('EmbeddedKnowledgeStore', () => {
  it('removes the evidence rows with the claim they support', async () => {
    // Prepare
    const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
    const store = new EmbeddedKnowledgeStore({ database });
    const claim = aClaim();
    await store.claims.create(claim);
    await store.addEvidence(anEvidence(claim.id));

    // Act
    await store.claims.delete(claim.id);

    // Assess
    expect(database.prepare('SELECT count(*) AS count FROM evidence').get()).toEqual({ count: 0 });
  });

  it('keeps its tables when a second store opens the same database', async () => {
    // Prepare
    const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
    const concept = aConcept();
    await new EmbeddedKnowledgeStore({ database }).concepts.create(concept);

    // Act
    const second = new EmbeddedKnowledgeStore({ database });

    // Assess
    expect(await second.concepts.get(concept.id)).toStrictEqual(concept);
  });

  it('reports a row it cannot read as a dependency failure, not as data', async () => {
    // Prepare
    const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
    const store = new EmbeddedKnowledgeStore({ database });
    const concept = aConcept();
    await store.concepts.create(concept);
    database.prepare("UPDATE concepts SET domain = 'astrology' WHERE id = ?").run(concept.id);

    // Act
    const read = store.concepts.get(concept.id);

    // Assess
    await expect(read).rejects.toBeInstanceOf(DependencyError);
  });

  it('fails its health check once the database is closed', async () => {
    // Prepare
    const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
    const store = new EmbeddedKnowledgeStore({ database });
    database.close();

    // Act
    const check = store.check();

    // Assess
    await expect(check).rejects.toBeInstanceOf(DependencyError);
  });
});
