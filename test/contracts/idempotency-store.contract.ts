import { randomUUID } from 'node:crypto';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdempotencyStore } from '#shared/ports/idempotency-store';

/** Makes a fresh store for one test; an adapter without server resources needs no async work or cleanup. */
export type MakeIdempotencyStore = () =>
  | { store: IdempotencyStore; cleanup?: () => void | Promise<void> }
  | Promise<{ store: IdempotencyStore; cleanup?: () => void | Promise<void> }>;

interface Request {
  readonly [field: string]: string;
  readonly key: string;
  readonly body: string;
}

/**
 * The behaviour every idempotency store must share, run once per adapter through Powertools' own
 * lifecycle (`makeIdempotent`), as the HTTP stack uses it.
 */
export function describeIdempotencyStoreContract(adapterName: string, makeStore: MakeIdempotencyStore): void {
  describe(`IdempotencyStore contract: ${adapterName}`, () => {
    let store: IdempotencyStore;
    let cleanup: (() => void | Promise<void>) | undefined;
    let runs: number;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      runs = 0;
    });

    afterEach(async () => {
      await cleanup?.();
    });

    function idempotent<T extends Record<string, string>>(
      work: (request: Request) => Promise<T>,
      options: { expiresAfterSeconds?: number; remainingMs?: number } = {},
    ) {
      return makeIdempotent(
        async (request: Request) => {
          runs += 1;
          return work(request);
        },
        {
          persistenceStore: store,
          keyPrefix: 'contract',
          config: new IdempotencyConfig({
            eventKeyJmesPath: 'key',
            payloadValidationJmesPath: 'body',
            throwOnNoIdempotencyKey: true,
            expiresAfterSeconds: options.expiresAfterSeconds ?? 60,
            hashFunction: 'sha256',
            lambdaContext: {
              getRemainingTimeInMillis: () => options.remainingMs ?? 10_000,
            } as unknown as IdempotencyConfig['lambdaContext'],
            responseHook: (response) => ({ ...(response as Record<string, string>), replayed: 'yes' }),
          }),
        },
      );
    }

    it('runs a request once and replays its result to a retry', async () => {
      // Prepare
      const create = idempotent((request) => Promise.resolve({ id: randomUUID(), body: request.body }));
      const request = { key: randomUUID(), body: 'ada' };

      // Act
      const first = await create(request);
      const retry = await create(request);

      // Assess
      expect(runs).toBe(1);
      expect(retry).toEqual({ ...first, replayed: 'yes' });
    });

    it('refuses a retry with the same key and another payload', async () => {
      // Prepare
      const create = idempotent(() => Promise.resolve({ id: randomUUID() }));
      const key = randomUUID();
      await create({ key, body: 'ada' });

      // Act
      const other = create({ key, body: 'grace' });

      // Assess
      await expect(other).rejects.toThrow(IdempotencyValidationError);
      expect(runs).toBe(1);
    });

    it('refuses a request while another with its key is in progress', async () => {
      // Prepare
      let finish: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const create = idempotent(async () => {
        await held;
        return { id: randomUUID() };
      });
      const request = { key: randomUUID(), body: 'ada' };
      const first = create(request);
      await new Promise((resolve) => setTimeout(resolve, 200));

      // Act
      const second = create(request);

      // Assess
      await expect(second).rejects.toThrow(IdempotencyAlreadyInProgressError);
      finish();
      await first;
      expect(runs).toBe(1);
    });

    it('lets a request run again after its first attempt failed', async () => {
      // Prepare
      let attempt = 0;
      const create = idempotent(() => {
        attempt += 1;
        return attempt === 1 ? Promise.reject(new Error('boom')) : Promise.resolve({ id: 'made' });
      });
      const request = { key: randomUUID(), body: 'ada' };
      await expect(create(request)).rejects.toThrow('boom');

      // Act
      const retry = await create(request);

      // Assess
      expect(retry).toEqual({ id: 'made' });
      expect(runs).toBe(2);
    });

    it('runs a request again once its record has expired', async () => {
      // Prepare
      const create = idempotent(() => Promise.resolve({ id: randomUUID() }), { expiresAfterSeconds: 1 });
      const request = { key: randomUUID(), body: 'ada' };
      await create(request);
      await new Promise((resolve) => setTimeout(resolve, 2100));

      // Act
      const again = await create(request);

      // Assess
      expect(again).not.toHaveProperty('replayed');
      expect(runs).toBe(2);
    });

    it('takes over a request whose in-progress lock has lapsed', async () => {
      // Prepare
      const stuck = idempotent(() => new Promise<Record<string, string>>(() => undefined), { remainingMs: 1 });
      const request = { key: randomUUID(), body: 'ada' };
      void stuck(request);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const create = idempotent(() => Promise.resolve({ id: 'made' }));

      // Act
      const result = await create(request);

      // Assess
      expect(result).toEqual({ id: 'made' });
    });

    it('keeps the records of different keys apart', async () => {
      // Prepare
      const create = idempotent((request) => Promise.resolve({ key: request.key }));

      // Act
      const [a, b] = await Promise.all([create({ key: 'a', body: 'x' }), create({ key: 'b', body: 'x' })]);

      // Assess
      expect([a, b]).toEqual([{ key: 'a' }, { key: 'b' }]);
      expect(runs).toBe(2);
    });

    it('answers its health check as the idempotency component', async () => {
      // Act
      const check = store.check();

      // Assess
      await expect(check).resolves.toBeUndefined();
      expect(store.component).toBe('idempotency');
    });
  });
}
