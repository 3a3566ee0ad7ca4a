import * as z from 'zod/mini';
import type { HttpEvent } from './types.ts';
import { validate } from './validation.ts';

const NO_PARAMETERS = z.strictObject({});

/**
 * The query string checked against `schema`, a strict object, so an unknown parameter is a 400 rather than
 * silently ignored. API Gateway joins a repeated key's values with commas; the schema sees them so.
 *
 * @example
 * const query = readQuery(event, conceptListQuerySchema);
 */
export function readQuery<S extends z.ZodMiniType>(event: HttpEvent, schema: S): z.output<S> {
  return validate(schema, event.queryStringParameters ?? {}, 'query string');
}

/** For a route that takes no query: any parameter is a 400, as it would be on a route that takes some. */
export function refuseQuery(event: HttpEvent): void {
  readQuery(event, NO_PARAMETERS);
}
