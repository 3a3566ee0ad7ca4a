import * as z from 'zod/mini';

/**
 * The one rule for text a user sends, in every schema: no control characters but tab, line feed and carriage
 * return, and no unpaired UTF-16 surrogates. Either would not come back as sent from every store (SQLite cuts
 * text at a NUL; stores that hold UTF-8 turn a lone surrogate into U+FFFD), so they are refused with a 400
 * naming the field instead of being accepted and altered.
 */
const CONTROL = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';
/** What `String.prototype.trim` removes: a trimmed field must hold a character outside this set. */
const WHITESPACE = '\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF';

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT_MESSAGE =
  'must not contain control characters (other than tab, line feed and carriage return) or unpaired surrogates';

/** JSON Schema `pattern`s (ECMA-262, also valid for Python's `re`) that say the rule to OpenAPI clients. */
export const TEXT_PATTERN = `^[^${CONTROL}]*$`;
export const NON_BLANK_TEXT_PATTERN = `^[^${CONTROL}]*[^${CONTROL}${WHITESPACE}][^${CONTROL}]*$`;
const CONTROL_CHARACTER = new RegExp(`[${CONTROL}]`);

/** True when `value` breaks the rule. */
export function isUnsafeText(value: string): boolean {
  return CONTROL_CHARACTER.test(value) || UNPAIRED_SURROGATE.test(value);
}

/** Length in characters (code points), as JSON Schema's `minLength`/`maxLength` count, not UTF-16 units. */
function characters(value: string): number {
  // Each astral character is two UTF-16 units, of which exactly one is a high surrogate.
  return value.length - (value.match(/[\uD800-\uDBFF]/g)?.length ?? 0);
}

export interface TextLimits {
  /** Characters after trimming. @default 1 when `trim`, else 0 */
  readonly min?: number;
  readonly max: number;
  /** Trim surrounding whitespace first; then a whitespace-only value is empty. @default true */
  readonly trim?: boolean;
}

/**
 * A string field of user text: the integrity rule, then the length in characters, trimmed unless said
 * otherwise. Its JSON Schema says all of it (`pattern`, `minLength`, `maxLength`), so the OpenAPI document
 * promises what the validation enforces.
 *
 * @example
 * const nameSchema = userText({ max: 200 });
 */
export function userText(limits: TextLimits) {
  const trim = limits.trim ?? true;
  const min = limits.min ?? (trim ? 1 : 0);
  const base = z.string().check(z.refine((value) => !isUnsafeText(value), { error: UNSAFE_TEXT_MESSAGE, abort: true }));
  const trimmed = trim ? base.check(z.trim()) : base;
  return trimmed
    .check(
      z.refine((value) => characters(value) >= min, {
        error: min === 1 ? 'must not be empty or only whitespace' : `must be at least ${min} characters`,
        abort: true,
      }),
      z.refine((value) => characters(value) <= limits.max, { error: `must be at most ${limits.max} characters` }),
    )
    .register(z.globalRegistry, {
      pattern: trim && min > 0 ? NON_BLANK_TEXT_PATTERN : TEXT_PATTERN,
      ...(min > 0 && { minLength: min }),
      maxLength: limits.max,
    });
}
