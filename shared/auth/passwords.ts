import { createHmac } from 'node:crypto';
import bcrypt from 'bcryptjs';

export const DEFAULT_PASSWORD_COST = 12;

/**
 * bcrypt reads only the first 72 bytes of its input, and passwords may be 128 characters (up to 512 UTF-8
 * bytes), so each password is first condensed to a fixed 44-character HMAC-SHA256 digest. The HMAC key is
 * not a secret: it makes the digest specific to this scheme, so a leaked plain SHA-256 of the same password
 * elsewhere cannot be tested against our hashes directly ("password shucking").
 */
const PREHASH_KEY = 'yggdrasil/password/v1';

function prehash(password: string): string {
  return createHmac('sha256', PREHASH_KEY).update(password.normalize('NFC'), 'utf8').digest('base64');
}

/**
 * Password hashing with bcrypt (bcryptjs). `verify` against an unknown user (no hash) still runs one
 * full bcrypt comparison against a dummy hash, so the response time does not reveal whether the user exists.
 *
 * @example
 * const passwords = new PasswordHasher({ cost: 12 });
 * const hash = await passwords.hash('correct horse battery staple');
 * await passwords.verify('correct horse battery staple', hash); // true
 */
export class PasswordHasher {
  readonly cost: number;
  private dummyHash: Promise<string> | undefined;

  constructor(options: { cost?: number } = {}) {
    const cost = options.cost ?? DEFAULT_PASSWORD_COST;
    if (!Number.isInteger(cost) || cost < 4 || cost > 31) throw new RangeError(`bcrypt cost must be 4–31, got ${cost}`);
    this.cost = cost;
  }

  /** A bcrypt hash (`$2b$<cost>$…`) of the password. */
  async hash(password: string): Promise<string> {
    return bcrypt.hash(prehash(password), this.cost);
  }

  /** Whether the password matches the hash; false, after the same work, when there is no hash. */
  async verify(password: string, hash: string | undefined): Promise<boolean> {
    if (hash === undefined) {
      await bcrypt.compare(prehash(password), await this.dummy());
      return false;
    }
    return bcrypt.compare(prehash(password), hash);
  }

  /** Whether a stored hash was made with a lower cost than the current one (rehash it at the next login). */
  needsRehash(hash: string): boolean {
    return bcrypt.getRounds(hash) < this.cost;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= bcrypt.hash('no such user', this.cost);
    return this.dummyHash;
  }
}
