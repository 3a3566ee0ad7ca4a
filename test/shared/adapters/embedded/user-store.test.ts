import { describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedUserStore } from '#shared/adapters/embedded/user-store';
import { describeUserStoreContract } from '../../../contracts/user-store.contract.ts';

describeUserStoreContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return { store: new EmbeddedUserStore({ database }), cleanup: () => database.close() };
});

describe('EmbeddedUserStore on a database made before token versions', () => {
  it('adds the counters at 0 and keeps the accounts', async () => {
    // Prepare
    const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
    database.exec(
      `CREATE TABLE users (username TEXT PRIMARY KEY, role TEXT NOT NULL, passwordHash TEXT NOT NULL,
        disabled INTEGER NOT NULL, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL);
       INSERT INTO users VALUES ('ada', 'admin', '$2b$04$x', 0, '2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z')`,
    );

    // Act
    const user = await new EmbeddedUserStore({ database }).get('ada');

    // Assess
    expect(user).toMatchObject({ username: 'ada', role: 'admin', tokenVersion: 0, loginGeneration: 0 });
    database.close();
  });
});
