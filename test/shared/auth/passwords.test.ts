import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_COST, PasswordHasher } from '#shared/auth/passwords';

const passwords = new PasswordHasher({ cost: 4 });
const password = 'correct horse battery staple';

describe('PasswordHasher', () => {
  it('makes a bcrypt hash that does not contain the password', async () => {
    // Act
    const hash = await passwords.hash(password);

    // Assess
    expect(hash).toMatch(/^\$2[aby]\$04\$[./A-Za-z0-9]{53}$/);
    expect(hash).not.toContain(password);
  });

  it('salts each hash, so the same password hashes differently', async () => {
    // Act
    const [first, second] = await Promise.all([passwords.hash(password), passwords.hash(password)]);

    // Assess
    expect(first).not.toBe(second);
  });

  it('accepts the right password', async () => {
    // Prepare
    const hash = await passwords.hash(password);

    // Act
    const matches = await passwords.verify(password, hash);

    // Assess
    expect(matches).toBe(true);
  });

  it('refuses a wrong password', async () => {
    // Prepare
    const hash = await passwords.hash(password);

    // Act
    const matches = await passwords.verify('correct horse battery stapler', hash);

    // Assess
    expect(matches).toBe(false);
  });

  it('tells apart long passwords that differ only after the 72nd byte', async () => {
    // Prepare
    const long = 'x'.repeat(100);
    const hash = await passwords.hash(`${long}-one`);

    // Act
    const matches = await passwords.verify(`${long}-two`, hash);

    // Assess
    expect(matches).toBe(false);
  });

  it('answers false for an unknown user after doing a full comparison', async () => {
    // Prepare
    const slow = new PasswordHasher({ cost: 10 });
    await slow.verify(password, undefined); // makes the dummy hash once
    const started = performance.now();

    // Act
    const matches = await slow.verify(password, undefined);

    // Assess
    expect(matches).toBe(false);
    expect(performance.now() - started).toBeGreaterThan(5); // cost 10 takes tens of ms; a skipped check takes none
  });

  it('uses cost 12 unless told otherwise', () => {
    // Act
    const hasher = new PasswordHasher();

    // Assess
    expect([hasher.cost, DEFAULT_PASSWORD_COST]).toEqual([12, 12]);
  });

  it('asks for a rehash of a hash made with a lower cost', async () => {
    // Prepare
    const hash = await passwords.hash(password);

    // Act
    const needed = new PasswordHasher({ cost: 5 }).needsRehash(hash);

    // Assess
    expect([needed, passwords.needsRehash(hash)]).toEqual([true, false]);
  });

  it('refuses a cost outside bcrypt range', () => {
    // Act
    const make = () => new PasswordHasher({ cost: 3 });

    // Assess
    expect(make).toThrow(RangeError);
  });
});
