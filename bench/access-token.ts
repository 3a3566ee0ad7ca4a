import { BENCH_ADMIN } from './bench-admin.ts';

/**
 * Logs in at `POST /token` with the OAuth 2.0 password grant (form-encoded), as a client would, and returns
 * the `authorization` header for the bench's authenticated requests.
 */
export async function bearerAuthorization(
  baseUrl: string,
  credentials: { readonly username: string; readonly password: string } = BENCH_ADMIN,
): Promise<string> {
  const response = await fetch(new URL('/token', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', ...credentials }).toString(),
  });
  const body = (await response.json()) as { access_token?: unknown };
  if (response.status !== 200 || typeof body.access_token !== 'string') {
    throw new Error(`POST /token answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return `Bearer ${body.access_token}`;
}
