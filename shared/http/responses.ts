import type { HttpResult } from './types.ts';

/** A JSON response. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** 204 No Content: a delete that worked. */
export function noContent(): HttpResult {
  return { statusCode: 204, headers: {} };
}
