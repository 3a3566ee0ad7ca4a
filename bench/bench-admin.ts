import { randomBytes } from 'node:crypto';

/** The admin every runtime the bench starts is given, and logs in as through `POST /token`. */
export const BENCH_ADMIN = {
  username: 'bench-admin',
  // A new one each run: it only ever lives in this process and its children.
  password: randomBytes(18).toString('base64url'),
} as const;

/**
 * The per-principal limit the bench's runtimes run with. One principal sends thousands of sequential requests
 * a minute, which the default (120/60) would answer with 429; the limiter still counts every request, so its
 * cost stays in the numbers.
 */
export const BENCH_PRINCIPAL_RATE_LIMIT = '100000000/60';

/** What a child that authenticates the bench's requests needs in its environment. */
export function benchAdminEnv(): Record<string, string> {
  return {
    ADMIN_USERNAME: BENCH_ADMIN.username,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    RATE_LIMIT_PRINCIPAL: BENCH_PRINCIPAL_RATE_LIMIT,
  };
}
