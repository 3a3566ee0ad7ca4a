import { describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedGraphStore } from '#shared/adapters/embedded/graph-store';
import { describeGraphStoreContract, uniqueDocument } from '../../../contracts/graph-store.contract.ts';

describeGraphStoreContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return Promise.resolve({
    store: new EmbeddedGraphStore({ database }),
    cleanup: () => Promise.resolve(database.close()),
  });
});

describe('EmbeddedGraphStore', () => {
  it('keeps one row and its created_at when a document is saved again', async () => {
    // Prepare
    const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
    const store = new EmbeddedGraphStore({ database });
    const document = uniqueDocument();
    await store.saveDocument(document);
    const createdAt = '2000-01-01T00:00:00.000Z';
    database.prepare('UPDATE documents SET created_at = ? WHERE id = ?').run(createdAt, document.id);

    // Act
    await store.saveDocument({ ...document, title: 'Revised title' });

    // Assess
    const rows = database.prepare('SELECT title, created_at FROM documents WHERE id = ?').all(document.id);
    expect(rows).toEqual([{ title: 'Revised title', created_at: createdAt }]);
  });

  it('leaves the shared database open when closed', async () => {
    // Prepare
    const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
    const store = new EmbeddedGraphStore({ database });

    // Act
    await store.close();

    // Assess
    expect(database.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
  });
});
