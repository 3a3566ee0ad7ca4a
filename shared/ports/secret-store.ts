import type { HealthCheck } from './health.ts';

export class SecretNotFoundError extends Error {
  override name = 'SecretNotFoundError';
  constructor(readonly secretId: string) {
    super(`Secret '${secretId}' does not exist`);
  }
}

/** Secret values by id, cached for a configured time so a warm container does not ask on every request. */
export interface SecretStore extends HealthCheck {
  /** The secret's string value; throws `SecretNotFoundError` when there is none. */
  get(secretId: string): Promise<string>;
  /** Stores a value (first-start generated keys locally; rotation in the cloud). */
  put(secretId: string, value: string): Promise<void>;
}
