import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { HealthCheck } from './health.ts';

/**
 * Where the responses of creating requests are kept for replay under their `Idempotency-Key`: Powertools
 * Idempotency's persistence layer (records with an in-progress lock, an expiry and a payload hash), so its
 * tested lifecycle runs unchanged on every adapter. Component `idempotency` in `/health`.
 */
export type IdempotencyStore = BasePersistenceLayer & HealthCheck;
