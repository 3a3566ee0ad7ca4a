import { describe, expect, it } from 'vitest';
import { createUserSchema, decodeUserCursor, encodeUserCursor, publicUser } from '#shared/domain/users';
import type { User } from '#shared/domain/users';
import { ValidationError } from '#shared/errors';

const valid = { username: 'ada.lovelace', password: 'a long enough password', role: 'editor' };

describe('createUserSchema', () => {
  it('lower-cases and trims the username', () => {
    // Act
    const parsed = createUserSchema.parse({ ...valid, username: '  Ada.Lovelace ' });

    // Assess
    expect(parsed.username).toBe('ada.lovelace');
  });

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(65)],
    ['with a space', 'ada lovelace'],
    ['with a slash', 'ada/../root'],
    ['with a non-ASCII letter', 'adä'],
  ])('refuses a username %s', (_case, username) => {
    // Act
    const result = createUserSchema.safeParse({ ...valid, username });

    // Assess
    expect(result.success).toBe(false);
  });

  it.each([
    ['shorter than 12 characters', 'x'.repeat(11)],
    ['longer than 128 characters', 'x'.repeat(129)],
  ])('refuses a password %s', (_case, password) => {
    // Act
    const result = createUserSchema.safeParse({ ...valid, password });

    // Assess
    expect(result.success).toBe(false);
  });

  it('refuses an unknown role', () => {
    // Act
    const result = createUserSchema.safeParse({ ...valid, role: 'root' });

    // Assess
    expect(result.success).toBe(false);
  });
});

describe('user cursors', () => {
  it('decode to the username they were made from', () => {
    // Act
    const after = decodeUserCursor(encodeUserCursor('bob'));

    // Assess
    expect(after).toBe('bob');
  });

  it('refuse anything else with ValidationError', () => {
    // Act
    const decode = () => decodeUserCursor('bm90IGEgY3Vyc29y');

    // Assess
    expect(decode).toThrow(ValidationError);
  });
});

describe('publicUser', () => {
  it('shows everything but the password hash', () => {
    // Prepare
    const user: User = {
      username: 'ada',
      role: 'admin',
      passwordHash: '$2b$04$secret',
      disabled: false,
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
      tokenVersion: 3,
      loginGeneration: 1,
    };

    // Act
    const shown = publicUser(user);

    // Assess
    expect(shown).toEqual({
      username: 'ada',
      role: 'admin',
      disabled: false,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    });
  });
});
