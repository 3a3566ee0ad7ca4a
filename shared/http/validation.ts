import type * as z from 'zod/mini';
import { ValidationError, type FieldError } from '#shared/errors';
import '#shared/zod-messages';

/** Turns zod issues into the field errors of a problem document. */
export function fieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.slice(0, 50).map((issue) => ({
    field: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** Parses `value` with `schema`, or throws a 400 that lists every offending field. */
export function validate<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error);
  const first = errors[0];
  throw new ValidationError(
    `The ${what} has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}${first ? `, first: ${first.field}: ${first.message}` : ''}`,
    errors,
  );
}
