import * as z from 'zod/mini';

/**
 * Knowledge is organised by domain; content without one is `general`. Apart from documents.ts, so that a
 * route that only names a domain (visualize-vectors) does not build the document schemas at import.
 */
export const DOMAINS = [
  'general',
  'art',
  'language',
  'literature',
  'history',
  'mathematics',
  'philosophy',
  'religion',
  'science',
  'technology',
] as const;
export type Domain = (typeof DOMAINS)[number];

export function isDomain(value: unknown): value is Domain {
  return (DOMAINS as readonly unknown[]).includes(value);
}

/** A domain named in a path: `/domains/{domain}`, `/vectors/{domain}/visualization`. */
export const domainParameterSchema = z.enum(DOMAINS);
