import { createHash } from 'node:crypto';
import type { HttpFunction } from '#shared/function-definitions';
import type { HttpMiddleware, HttpResult } from '../types.ts';

/** Authenticated GETs: only the caller's own cache may keep them, and must ask again (cheaply, by ETag). */
export const PRIVATE_CACHE_CONTROL = 'private, max-age=0, must-revalidate';
/** Public GETs (health, the OpenAPI document): any cache may keep them, but must ask again before use. */
export const PUBLIC_ROUTE_CACHE_CONTROL = 'no-cache';
/** Writes (tokens, new API keys among them) and errors are never stored. */
export const NO_STORE = 'no-store';
/** A private response differs per caller: a cache must never hand one caller's copy to another. */
export const PRIVATE_VARY = 'Authorization, X-API-Key';

/** Headers a 304 must not carry: it has no body. */
const BODY_HEADERS = new Set(['content-type', 'content-length']);

/**
 * Validators and cache rules for every response. A GET 200 with a body gets a strong ETag (unless the handler
 * set one), and a matching `If-None-Match` turns it into a 304 without a body. `Cache-Control`, unless the
 * handler set one: private and revalidated for GETs of routes that need credentials (with `Vary` on them),
 * `no-cache` for public GETs, `no-store` for every other method and for errors. A non-public route is never
 * `public`, whatever its handler said.
 *
 * Its `after` must run before compression's, so the ETag is the body's as the handler made it and a 304 has
 * nothing left to compress; that ETag then stands for the identity-coded body, which `If-None-Match`'s weak
 * comparison and `Vary: Accept-Encoding` make safe for clients.
 */
export function cachingMiddleware(fn: HttpFunction): HttpMiddleware {
  const isPrivate = fn.permission !== 'public';
  const cachingMiddlewareAfter: HttpMiddleware['after'] = (request) => {
    const response = request.response;
    if (!response) return;
    const headers = { ...response.headers };
    const status = response.statusCode ?? 200;
    const isRead = request.event.requestContext.http.method === 'GET' && status < 400;

    const handlerCacheControl = header(headers, 'cache-control');
    if (handlerCacheControl === undefined || (isPrivate && /(^|[\s,])public([\s,=]|$)/i.test(handlerCacheControl))) {
      setHeader(
        headers,
        'cache-control',
        !isRead ? NO_STORE : isPrivate ? PRIVATE_CACHE_CONTROL : PUBLIC_ROUTE_CACHE_CONTROL,
      );
    }
    if (isRead && isPrivate) setHeader(headers, 'vary', withVary(header(headers, 'vary'), PRIVATE_VARY));

    if (isRead && status === 200 && typeof response.body === 'string' && response.body !== '') {
      const etag = header(headers, 'etag') ?? strongEtag(response.body);
      setHeader(headers, 'etag', etag);
      if (matchesIfNoneMatch(header(request.event.headers, 'if-none-match'), etag)) {
        request.response = notModified(headers);
        return;
      }
    }
    request.response = { ...response, headers };
  };
  return { after: cachingMiddlewareAfter, onError: cachingMiddlewareAfter };
}

/** `"<sha256 of the body, base64url>"`: the same body always has the same tag, in every container. */
export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/**
 * Whether an `If-None-Match` value (`*`, or a list of possibly weak tags) matches `etag`, by the weak
 * comparison RFC 9110 prescribes for it: `W/"x"` matches `"x"`.
 */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const wanted = opaqueTag(etag);
  // Tags are quoted and may hold commas, so they are picked out whole rather than split on commas.
  return [...ifNoneMatch.matchAll(/(?:W\/)?"[^"]*"/g)].some(([tag]) => opaqueTag(tag) === wanted);
}

function opaqueTag(etag: string): string {
  return etag.trim().replace(/^W\//, '');
}

function notModified(headers: Record<string, string>): HttpResult {
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !BODY_HEADERS.has(name.toLowerCase())));
  return { statusCode: 304, headers: kept };
}

/** `existing` with each of `names` that it lacks, compared without case. */
function withVary(existing: string | undefined, names: string): string {
  const present = new Set((existing ?? '').split(',').map((name) => name.trim().toLowerCase()));
  if (present.has('*')) return existing ?? '*';
  const missing = names
    .split(',')
    .map((name) => name.trim())
    .filter((name) => !present.has(name.toLowerCase()));
  return [existing?.trim(), ...missing].filter(Boolean).join(', ');
}

/** A header's value whatever the case of its name (handlers and API Gateway differ). */
function header(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Sets `name` in lower case, dropping any spelling of it in other cases. */
function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) Reflect.deleteProperty(headers, key);
  headers[name] = value;
}
