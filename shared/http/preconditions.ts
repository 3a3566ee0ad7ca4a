import { ConflictError, PreconditionFailedError, ValidationError } from '#shared/errors';
import type { HttpEvent } from './types.ts';

/** The ETag of a versioned resource (a concept, a claim): its version as a strong entity tag. */
export function versionTag(version: number): string {
  return `"${version}"`;
}

// RFC 9110 entity-tag: optional weak prefix, then opaque characters inside double quotes.
const ENTITY_TAG_SOURCE = '(W/)?"([\\x21\\x23-\\x7e\\x80-\\xff]*)"';
/** `If-Match` as RFC 9110 §13.1.1 has it: `*` or a comma-separated list of entity tags (OpenAPI's `pattern`). */
export const IF_MATCH_PATTERN = `^[ \\t]*(\\*|${ENTITY_TAG_SOURCE}([ \\t]*,[ \\t]*${ENTITY_TAG_SOURCE})*)[ \\t]*$`;
const IF_MATCH = new RegExp(IF_MATCH_PATTERN);
const ENTITY_TAG = new RegExp(ENTITY_TAG_SOURCE, 'g');
const VERSION = /^[1-9][0-9]{0,14}$/;

/**
 * The version `If-Match` makes an update conditional on: undefined when the header is absent or `*` (the
 * update's own 404 covers "must exist"). A header no version can match (only weak tags, or tags that are
 * not versions) is a `PreconditionFailedError`; one that is not an entity-tag list is a `ValidationError`.
 *
 * @example
 * ifMatchVersion(event); // 3 for `If-Match: "3"`
 */
export function ifMatchVersion(event: HttpEvent): number | undefined {
  const raw = event.headers['if-match'];
  if (raw === undefined) return undefined;
  if (!IF_MATCH.test(raw)) throw ifMatchError('must be * or one entity tag as the ETag header gave it, e.g. "3"');
  const header = raw.trim();
  if (header === '*') return undefined;
  // Weak tags never match under If-Match's strong comparison; opaque ones name no version.
  const versions = [...header.matchAll(ENTITY_TAG)]
    .map(([, weak, opaque = '']) => (weak === undefined && VERSION.test(opaque) ? Number(opaque) : undefined))
    .filter((version) => version !== undefined);
  if (versions.length > 1) throw ifMatchError('give one entity tag: an update applies against one version');
  const [version] = versions;
  if (version === undefined) {
    throw new PreconditionFailedError(`If-Match ${header} matches no version of this resource`);
  }
  return version;
}

/**
 * Runs `update` under the precondition `ifMatchVersion` read. With an expected version, the store's only
 * conflict on an update is a stale version: RFC 9110 answers that with 412, not 409.
 */
export async function conditionalUpdate<T>(expectedVersion: number | undefined, update: () => Promise<T>): Promise<T> {
  try {
    return await update();
  } catch (error) {
    if (expectedVersion !== undefined && error instanceof ConflictError) {
      throw new PreconditionFailedError(error.message, { cause: error });
    }
    throw error;
  }
}

function ifMatchError(message: string): ValidationError {
  return new ValidationError(`If-Match: ${message}`, [{ field: 'If-Match', message }]);
}
