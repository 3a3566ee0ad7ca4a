import { createHmac, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';

/** log2 of scrypt's N: OWASP's 2^15 with r = 8, p = 3 (32 MiB, README "Security in short"). */
export const DEFAULT_PASSWORD_COST = 15;
export const MIN_PASSWORD_COST = 4;
export const MAX_PASSWORD_COST = 20;

/** OWASP's password storage cheat sheet pairs N = 2^15 with these; `cost` moves N alone. */
const BLOCK_SIZE = 8;
const PARALLELISM = 3;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
) => Promise<Buffer>;

/** A stored hash in the PHC string format: `$scrypt$ln=15,r=8,p=3$<salt>$<key>`, both base64 without padding. */
const SCRYPT_HASH = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

interface ScryptHash {
  readonly cost: number;
  readonly blockSize: number;
  readonly parallelism: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

/**
 * Password hashing with `node:crypto` scrypt, which runs in native code on libuv's thread pool: memory-hard, and
 * no JavaScript to load or to run. `verify` against an unknown user (no hash) still runs one full scrypt with the
 * current parameters, so the response time does not reveal whether the user exists.
 *
 * Hashes made before scrypt are bcrypt (`$2b$…`, bcryptjs over an HMAC pre-hash): they still verify, through a
 * bcryptjs loaded only when such a hash is met, and `needsRehash` says to replace them at the next login.
 *
 * @example
 * const passwords = new PasswordHasher({ cost: 15 });
 * const hash = await passwords.hash('correct horse battery staple');
 * await passwords.verify('correct horse battery staple', hash); // true
 */
export class PasswordHasher {
  readonly cost: number;
  private dummyHash: Promise<string> | undefined;

  constructor(options: { cost?: number } = {}) {
    const cost = options.cost ?? DEFAULT_PASSWORD_COST;
    if (!Number.isInteger(cost) || cost < MIN_PASSWORD_COST || cost > MAX_PASSWORD_COST)
      throw new RangeError(`the scrypt cost (log2 N) must be ${MIN_PASSWORD_COST}–${MAX_PASSWORD_COST}, got ${cost}`);
    this.cost = cost;
  }

  /** A scrypt hash (`$scrypt$ln=<cost>,r=8,p=3$…`) of the password. */
  async hash(password: string): Promise<string> {
    const params = { cost: this.cost, blockSize: BLOCK_SIZE, parallelism: PARALLELISM };
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, { ...params, salt, keyBytes: KEY_BYTES });
    return `$scrypt$ln=${params.cost},r=${params.blockSize},p=${params.parallelism}$${b64(salt)}$${b64(key)}`;
  }

  /** Whether the password matches the hash; false, after the same work, when there is no hash. */
  async verify(password: string, hash: string | undefined): Promise<boolean> {
    if (hash === undefined) {
      await matchesScrypt(password, await this.dummy());
      return false;
    }
    return isLegacyBcrypt(hash) ? verifyLegacyBcrypt(password, hash) : matchesScrypt(password, hash);
  }

  /** Whether a stored hash is bcrypt or weaker than the current parameters (rehash it at the next login). */
  needsRehash(hash: string): boolean {
    const stored = parseScryptHash(hash);
    return !stored || stored.cost < this.cost || stored.blockSize < BLOCK_SIZE || stored.parallelism < PARALLELISM;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hash('no such user');
    return this.dummyHash;
  }
}

async function matchesScrypt(password: string, hash: string): Promise<boolean> {
  const stored = parseScryptHash(hash);
  if (!stored) return false;
  const key = await derive(password, { ...stored, keyBytes: stored.key.length });
  return timingSafeEqual(key, stored.key);
}

function derive(password: string, params: Omit<ScryptHash, 'key'> & { readonly keyBytes: number }): Promise<Buffer> {
  const N = 2 ** params.cost;
  return scrypt(password.normalize('NFC'), params.salt, params.keyBytes, {
    N,
    r: params.blockSize,
    p: params.parallelism,
    // scrypt needs 128 · N · r bytes; Node's default ceiling (32 MiB) is exactly N = 2^15, r = 8, with no room.
    maxmem: 256 * N * params.blockSize,
  });
}

function parseScryptHash(hash: string): ScryptHash | undefined {
  const match = SCRYPT_HASH.exec(hash);
  if (!match) return undefined;
  const [, cost, blockSize, parallelism, salt, key] = match;
  const parsed = {
    cost: Number(cost),
    blockSize: Number(blockSize),
    parallelism: Number(parallelism),
    salt: Buffer.from(salt ?? '', 'base64'),
    key: Buffer.from(key ?? '', 'base64'),
  };
  const sane =
    parsed.cost >= MIN_PASSWORD_COST &&
    parsed.cost <= MAX_PASSWORD_COST &&
    parsed.blockSize >= 1 &&
    parsed.parallelism >= 1 &&
    parsed.key.length >= 16;
  return sane ? parsed : undefined;
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

function isLegacyBcrypt(hash: string): boolean {
  return /^\$2[aby]\$\d\d\$/.test(hash);
}

/**
 * bcrypt read only the first 72 bytes of its input, so each password was condensed to a 44-character
 * HMAC-SHA256 digest first; the key made the digest specific to this scheme ("password shucking").
 */
const LEGACY_PREHASH_KEY = 'yggdrasil/password/v1';

async function verifyLegacyBcrypt(password: string, hash: string): Promise<boolean> {
  const { default: bcrypt } = await import('bcryptjs');
  const prehash = createHmac('sha256', LEGACY_PREHASH_KEY).update(password.normalize('NFC'), 'utf8').digest('base64');
  return bcrypt.compare(prehash, hash);
}
