import { IdempotencyConfig, IdempotencyItemNotFoundError } from '@aws-lambda-powertools/idempotency';
import { describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedIdempotencyStore } from '#shared/adapters/embedded/idempotency-store';
import { describeIdempotencyStoreContract } from '../../../contracts/idempotency-store.contract.ts';

describeIdempotencyStoreContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return { store: new EmbeddedIdempotencyStore({ database }), cleanup: () => database.close() };
});

describe('EmbeddedIdempotencyStore records, through the persistence layer Powertools drives', () => {
  function configuredStore(config: IdempotencyConfig): EmbeddedIdempotencyStore {
    const store = new EmbeddedIdempotencyStore({ database: openEmbeddedDatabase({ dataDir: '', inMemory: true }) });
    store.configure({ config, functionName: 'create-concept', keyPrefix: 'yggdrasil' });
    return store;
  }

  it('reads back a completed record with its response and payload hash', async () => {
    // Prepare
    const store = configuredStore(
      new IdempotencyConfig({ eventKeyJmesPath: 'key', payloadValidationJmesPath: 'body', useLocalCache: false }),
    );
    const request = { key: 'k-1', body: 'Yggdrasil' };
    await store.saveInProgress(request, 30_000);

    // Act
    await store.saveSuccess(request, { statusCode: 201 });
    const record = await store.getRecord(request);

    // Assess
    expect(record.getStatus()).toBe('COMPLETED');
    expect(record.getResponse()).toEqual({ statusCode: 201 });
    expect(record.payloadHash).toEqual(expect.any(String));
  });

  it('keeps no payload hash when payload validation is off', async () => {
    // Prepare
    const store = configuredStore(new IdempotencyConfig({ eventKeyJmesPath: 'key', useLocalCache: false }));
    const request = { key: 'k-2', body: 'Yggdrasil' };

    // Act
    await store.saveInProgress(request);
    const record = await store.getRecord(request);

    // Assess
    expect(record.getStatus()).toBe('INPROGRESS');
    expect(record.payloadHash).toBeUndefined();
  });

  it('answers a key it holds no record of with IdempotencyItemNotFoundError', async () => {
    const store = configuredStore(new IdempotencyConfig({ eventKeyJmesPath: 'key', useLocalCache: false }));
    await expect(store.getRecord({ key: 'never-seen' })).rejects.toBeInstanceOf(IdempotencyItemNotFoundError);
  });

  it('forgets a deleted record', async () => {
    // Prepare
    const store = configuredStore(new IdempotencyConfig({ eventKeyJmesPath: 'key', useLocalCache: false }));
    const request = { key: 'k-3' };
    await store.saveInProgress(request);

    // Act
    await store.deleteRecord(request);

    // Assess
    await expect(store.getRecord(request)).rejects.toBeInstanceOf(IdempotencyItemNotFoundError);
  });
});
