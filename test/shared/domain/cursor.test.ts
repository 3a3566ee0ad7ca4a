import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { CURSOR_MAX_LENGTH, CURSOR_VERSION, cursorScope, decodeCursor, encodeCursor } from '#shared/domain/cursor';
import { ValidationError } from '#shared/errors';

const position = z.strictObject({ at: z.string(), id: z.string() });
const scope = cursorScope('audit', { user: 'alice', from: undefined, to: '2030-01-01T00:00:00.000Z' });
const signingKey = 'cursor-test-key';
const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The ValidationError that `decode` throws, for checking its message and fields. */
function decodeError(decode: () => unknown): ValidationError {
  try {
    decode();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('the cursor was accepted');
}

describe('pagination cursors', () => {
  it('decode to the position they were encoded from', () => {
    // Prepare
    const cursor = encodeCursor(scope, { at: '2030-01-01T00:00:00.000Z', id: 'a' });

    // Act
    const decoded = decodeCursor(cursor, scope, position);

    // Assess
    expect(decoded).toEqual({ at: '2030-01-01T00:00:00.000Z', id: 'a' });
  });

  it('are base64url JSON carrying the format version', () => {
    // Act
    const cursor = encodeCursor(scope, { at: 'x', id: 'y' });

    // Assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString())).toMatchObject({ v: CURSOR_VERSION });
  });

  it('are refused with a clear message naming the cursor field when not base64url', () => {
    // Act
    const error = decodeError(() => decodeCursor('not a cursor!', scope, position));

    // Assess
    expect(error.message).toBe('The cursor is not valid: it is not base64url');
    expect(error.errors).toEqual([{ field: 'cursor', message: error.message }]);
  });

  it('are refused when they do not decode to JSON', () => {
    // Act
    const decode = () => decodeCursor(Buffer.from('{oops').toString('base64url'), scope, position);

    // Assess
    expect(decode).toThrow('it does not decode to JSON');
  });

  it('are refused when they carry another format version', () => {
    // Prepare
    const cursor = encodeCursor(scope, { at: 'x', id: 'y' });
    const envelope = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>;

    // Act
    const decode = () => decodeCursor(base64url({ ...envelope, v: 2 }), scope, position);

    // Assess
    expect(decode).toThrow('it is not a cursor of a supported version');
  });

  it('are refused by a query with other filters', () => {
    // Prepare
    const cursor = encodeCursor(scope, { at: 'x', id: 'y' });
    const otherScope = cursorScope('audit', { user: 'bob', from: undefined, to: '2030-01-01T00:00:00.000Z' });

    // Act
    const decode = () => decodeCursor(cursor, otherScope, position);

    // Assess
    expect(decode).toThrow('it belongs to a different query');
  });

  it('are refused when the position does not match the schema', () => {
    // Prepare
    const cursor = encodeCursor(scope, { at: 'x' });

    // Act
    const decode = () => decodeCursor(cursor, scope, position);

    // Assess
    expect(decode).toThrow('its position is malformed');
  });

  it('are refused when longer than any cursor the project issues', () => {
    // Act
    const decode = () => decodeCursor('a'.repeat(CURSOR_MAX_LENGTH + 1), scope, position);

    // Assess
    expect(decode).toThrow(ValidationError);
  });

  it('have the same scope whatever the order of the filters', () => {
    // Act
    const first = cursorScope('audit', { user: 'alice', to: 'b' });
    const second = cursorScope('audit', { to: 'b', user: 'alice' });

    // Assess
    expect(first).toBe(second);
  });

  describe('with a signing key', () => {
    it('decode to the position they were encoded from', () => {
      // Prepare
      const cursor = encodeCursor(scope, { at: 'x', id: 'y' }, { signingKey });

      // Act
      const decoded = decodeCursor(cursor, scope, position, { signingKey });

      // Assess
      expect(decoded).toEqual({ at: 'x', id: 'y' });
    });

    it('are refused when unsigned', () => {
      // Prepare
      const cursor = encodeCursor(scope, { at: 'x', id: 'y' });

      // Act
      const decode = () => decodeCursor(cursor, scope, position, { signingKey });

      // Assess
      expect(decode).toThrow('its signature does not match');
    });

    it('are refused when their position was changed', () => {
      // Prepare
      const [, signature] = encodeCursor(scope, { at: 'x', id: 'y' }, { signingKey }).split('.');
      const forged = `${encodeCursor(scope, { at: 'x', id: 'z' })}.${signature ?? ''}`;

      // Act
      const decode = () => decodeCursor(forged, scope, position, { signingKey });

      // Assess
      expect(decode).toThrow('its signature does not match');
    });

    it('are refused when signed with another key', () => {
      // Prepare
      const cursor = encodeCursor(scope, { at: 'x', id: 'y' }, { signingKey: 'another-key' });

      // Act
      const decode = () => decodeCursor(cursor, scope, position, { signingKey });

      // Assess
      expect(decode).toThrow('its signature does not match');
    });

    it('are refused by a server that does not sign cursors', () => {
      // Prepare
      const cursor = encodeCursor(scope, { at: 'x', id: 'y' }, { signingKey });

      // Act
      const decode = () => decodeCursor(cursor, scope, position);

      // Assess
      expect(decode).toThrow('this server does not sign cursors');
    });
  });
});
