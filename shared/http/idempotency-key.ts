import * as z from 'zod/mini';

/** The request header of a retry-safe create, and the response header of a replay (draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

/** What clients send: a UUID is the usual choice; any 1–255 visible ASCII characters are accepted. */
export const idempotencyKeySchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(255),
    z.regex(/^[\x21-\x7e]+$/, 'must be 1 to 255 visible ASCII characters, e.g. a UUID'),
  );
