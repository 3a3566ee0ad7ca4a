import { expect } from 'vitest';
import type { HttpResult } from '#shared/http/types';
import { expectProblem } from './http.ts';
import type { Problem } from './http.ts';

/**
 * Asserts a 401 problem document with a `WWW-Authenticate` challenge matching `challenge`, and that
 * neither its body nor its headers repeat the credential sent (nor any long part of it, such as a token's
 * signature). Returns the problem.
 */
export function expectUnauthorized(result: HttpResult, challenge: RegExp, credential: string): Problem {
  const problem = expectProblem(result, 401);
  expect(result.headers['www-authenticate']).toMatch(challenge);
  const shown = `${String(result.body)} ${JSON.stringify(result.headers)}`;
  for (const part of secretParts(credential)) expect(shown).not.toContain(part);
  return problem;
}

/** The credential and each of its dot-separated parts long enough to identify it. */
export function secretParts(credential: string): string[] {
  const parts = credential.split('.').filter((part) => part.length > 8);
  return credential.length > 8 ? [credential, ...parts] : parts;
}
