import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretNotFoundError } from '#shared/ports/secret-store';
import type { SecretStore } from '#shared/ports/secret-store';

/** Makes a fresh store for one test; an adapter without server resources needs no async work or cleanup. */
export type MakeSecretStore = () =>
  | { store: SecretStore; cleanup?: () => void | Promise<void> }
  | Promise<{ store: SecretStore; cleanup?: () => void | Promise<void> }>;

/** A secret id no other test uses, so suites can share one server. */
export const uniqueSecretId = (): string => `yggdrasil/test/${randomUUID()}`;

/** The behaviour every SecretStore adapter must share, run once per adapter. */
export function describeSecretStoreContract(adapterName: string, makeStore: MakeSecretStore): void {
  describe(`SecretStore contract: ${adapterName}`, () => {
    let store: SecretStore;
    let cleanup: (() => void | Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    it('returns the value that was put', async () => {
      // Prepare
      const secretId = uniqueSecretId();

      // Act
      await store.put(secretId, 'first-value');

      // Assess
      expect(await store.get(secretId)).toBe('first-value');
    });

    it('throws SecretNotFoundError for a secret that does not exist', async () => {
      // Prepare
      const secretId = uniqueSecretId();

      // Act
      const read = store.get(secretId);

      // Assess
      await expect(read).rejects.toThrow(SecretNotFoundError);
      await expect(read).rejects.toMatchObject({ secretId });
    });

    it('returns the newer value after a put overwrites a value it has read', async () => {
      // Prepare
      const secretId = uniqueSecretId();
      await store.put(secretId, 'first-value');
      await store.get(secretId);

      // Act
      await store.put(secretId, 'second-value');

      // Assess
      expect(await store.get(secretId)).toBe('second-value');
    });

    it('answers its health check', async () => {
      // Act
      const check = store.check();

      // Assess
      await expect(check).resolves.toBeUndefined();
    });
  });
}
