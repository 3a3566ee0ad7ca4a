import { createHmac } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_COST, PasswordHasher } from '#shared/auth/passwords';

const passwords = new PasswordHasher({ cost: 4 });
const password = 'correct horse battery staple';

/** A hash as the bcrypt scheme before scrypt stored it: bcrypt over an HMAC-SHA256 pre-hash. */
function legacyBcryptHash(plain: string): string {
  const prehash = createHmac('sha256', 'yggdrasil/password/v1').update(plain.normalize('NFC'), 'utf8').digest('base64');
  return bcrypt.hashSync(prehash, 4);
}

describe('PasswordHasher', () => {
  it('makes a scrypt hash in the PHC format that does not contain the password', async () => {
    // Act
    const hash = await passwords.hash(password);

    // Assess
    expect(hash).toMatch(/^\$scrypt\$ln=4,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
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

  it('accepts the same password typed in another Unicode normal form', async () => {
    // Prepare
    const hash = await passwords.hash('café'.normalize('NFC'));

    // Act
    const matches = await passwords.verify('café'.normalize('NFD'), hash);

    // Assess
    expect(matches).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['an unknown scheme', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$a2V5'],
    [
      'a scrypt hash with a cost out of range',
      '$scrypt$ln=40,r=8,p=3$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U',
    ],
    ['a scrypt hash with a truncated key', '$scrypt$ln=4,r=8,p=3$c2FsdHNhbHRzYWx0c2FsdA$a2V5'],
  ])('refuses any password against %s', async (_case, hash) => {
    // Act
    const matches = await passwords.verify(password, hash);

    // Assess
    expect(matches).toBe(false);
  });

  it('still accepts the right password against a bcrypt hash made before scrypt', async () => {
    // Prepare
    const hash = legacyBcryptHash(password);

    // Act
    const [right, wrong] = [await passwords.verify(password, hash), await passwords.verify('wrong password', hash)];

    // Assess
    expect([right, wrong]).toEqual([true, false]);
  });

  it('answers false for an unknown user after doing a full scrypt', async () => {
    // Prepare
    const slow = new PasswordHasher({ cost: 14 });
    await slow.verify(password, undefined); // makes the dummy hash once
    const started = performance.now();

    // Act
    const matches = await slow.verify(password, undefined);

    // Assess
    expect(matches).toBe(false);
    expect(performance.now() - started).toBeGreaterThan(5); // N = 2^14, p = 3 takes tens of ms; a skipped check none
  });

  it("uses OWASP's N = 2^15 unless told otherwise", () => {
    // Act
    const hasher = new PasswordHasher();

    // Assess
    expect([hasher.cost, DEFAULT_PASSWORD_COST]).toEqual([15, 15]);
  });

  it('asks for a rehash of a hash made with a lower cost, and of a bcrypt hash', async () => {
    // Prepare
    const hash = await passwords.hash(password);

    // Act
    const needed = [
      new PasswordHasher({ cost: 5 }).needsRehash(hash),
      passwords.needsRehash(hash),
      passwords.needsRehash(legacyBcryptHash(password)),
    ];

    // Assess
    expect(needed).toEqual([true, false, true]);
  });

  it.each([3, 21, 4.5])('refuses a cost (log2 N) of %s', (cost) => {
    // Act
    const make = () => new PasswordHasher({ cost });

    // Assess
    expect(make).toThrow(RangeError);
  });
});
