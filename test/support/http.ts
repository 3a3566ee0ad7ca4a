import { expect } from 'vitest';
import type { HttpResult } from '#shared/http/types';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** Asserts an RFC 9457 problem document with the given status, and returns it. */
export function expectProblem(result: HttpResult, status: number): Problem {
  expect(result.statusCode).toBe(status);
  expect(result.headers['content-type']).toBe('application/problem+json');
  const problem = JSON.parse(String(result.body)) as Problem;
  expect(problem).toMatchObject({
    status,
    type: expect.stringMatching(/^\/problems\//) as unknown,
    title: expect.any(String) as unknown,
  });
  expect(problem.detail).toEqual(expect.any(String));
  expect(String(result.body)).not.toMatch(/\bat .+\(.+:\d+:\d+\)/); // never a stack frame
  return problem;
}

export function jsonBody(result: HttpResult): unknown {
  return JSON.parse(String(result.body));
}
