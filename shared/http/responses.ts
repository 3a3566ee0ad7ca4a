import type { HttpResult } from './types.ts';

/** A JSON response. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return serialisedJson(statusCode, JSON.stringify(body), headers);
}

/** A JSON response whose body was serialised before (e.g. when the code was built). */
export function serialisedJson(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body };
}

/** 204 No Content: a delete that worked. */
export function noContent(): HttpResult {
  return { statusCode: 204, headers: {} };
}
