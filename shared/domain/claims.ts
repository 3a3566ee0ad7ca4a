import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { ConflictError } from '#shared/errors';
import { CURSOR_MAX_LENGTH, cursorScope, decodeCursor } from './cursor.ts';
import { DOCUMENT_LIMITS, DOMAINS, type Domain } from './documents.ts';
import * as versioned from './versioned.ts';
import { userText } from './text.ts';

export const CLAIM_LIMITS = {
  maxTextLength: 2_000,
  maxSourceLength: DOCUMENT_LIMITS.maxSourceLength,
  maxEvidenceTextLength: 5_000,
  maxSearchLength: 200,
  maxPageSize: 100,
  defaultPageSize: 20,
  /** Evidence one claim may hold, so its evidence list is always one bounded answer. */
  maxEvidencePerClaim: 100,
} as const;

/** A versioned resource; its id is `clm_` and 22 url-safe characters, made by the server. */
export interface Claim extends versioned.Versioned {
  readonly text: string;
  readonly domain: Domain;
  /** 0 to 1. */
  readonly confidence?: number;
  readonly verified: boolean;
  readonly source?: string;
}

export const CLAIM_KIND: versioned.VersionedKind<Claim> = {
  label: 'Claim',
  changeable: ['text', 'domain', 'confidence', 'verified', 'source'],
};

/** What supports a claim: `(:Claim)-[:SUPPORTED_BY]->(:Evidence)`. It belongs to its claim and goes with it. */
export interface Evidence {
  /** `evd_` and 22 url-safe characters, made by the server. */
  readonly id: string;
  readonly claimId: string;
  readonly text: string;
  readonly source: string;
  /** 0 to 1. */
  readonly confidence: number;
  readonly createdAt: string;
}

export const claimIdSchema = z
  .string()
  .check(
    z.regex(/^clm_[A-Za-z0-9_-]{16,64}$/, { error: 'must be a claim id (clm_ and 16 to 64 url-safe characters)' }),
  );

export const evidenceIdSchema = z
  .string()
  .check(
    z.regex(/^evd_[A-Za-z0-9_-]{16,64}$/, { error: 'must be an evidence id (evd_ and 16 to 64 url-safe characters)' }),
  );

const textSchema = userText({ max: CLAIM_LIMITS.maxTextLength });
const confidenceSchema = z.number().check(z.gte(0), z.lte(1));
const sourceSchema = userText({ max: CLAIM_LIMITS.maxSourceLength });

/** Body of `POST /claims`. */
export const createClaimSchema = z.strictObject({
  text: textSchema,
  domain: z._default(z.enum(DOMAINS), 'general'),
  confidence: z.optional(confidenceSchema),
  verified: z._default(z.boolean(), false),
  source: z.optional(sourceSchema),
});
export type CreateClaimInput = z.infer<typeof createClaimSchema>;

/** Body of `PATCH /claims/{id}`: the fields to change; `null` removes an optional field. */
export const updateClaimSchema = z
  .partial(
    z.strictObject({
      text: textSchema,
      domain: z.enum(DOMAINS),
      confidence: z.nullable(confidenceSchema),
      verified: z.boolean(),
      source: z.nullable(sourceSchema),
    }),
  )
  .check(z.refine((patch) => Object.keys(patch).length > 0, { error: 'give at least one field to change' }));
export type ClaimPatch = z.infer<typeof updateClaimSchema>;

export type ClaimChanges = versioned.Changes<ClaimPatch>;

/** Body of `POST /claims/{id}/evidence`. */
export const addEvidenceSchema = z.strictObject({
  text: userText({ max: CLAIM_LIMITS.maxEvidenceTextLength }),
  source: sourceSchema,
  confidence: confidenceSchema,
});
export type AddEvidenceInput = z.infer<typeof addEvidenceSchema>;

/** Query of `GET /claims`; `verified` is the literal `true` or `false`. */
export const claimListQuerySchema = z.strictObject({
  domain: z.optional(z.enum(DOMAINS)),
  verified: z.optional(
    z.pipe(
      z.enum(['true', 'false'], { error: 'must be true or false' }),
      z.transform((value) => value === 'true'),
    ),
  ),
  /** Case-insensitive substring of the text. */
  textContains: z.optional(userText({ max: CLAIM_LIMITS.maxSearchLength })),
  limit: z._default(
    z.coerce.number().check(z.int(), z.gte(1), z.lte(CLAIM_LIMITS.maxPageSize)),
    CLAIM_LIMITS.defaultPageSize,
  ),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(CURSOR_MAX_LENGTH))),
});

export interface ClaimListQuery {
  readonly domain?: Domain;
  readonly verified?: boolean;
  readonly textContains?: string;
  /** 1 to 100. */
  readonly limit: number;
  /** `nextCursor` of the previous page of the same query. */
  readonly cursor?: string;
}

export type ClaimPage = versioned.Page<Claim>;

/** Where a page starts: strictly older than this claim in (createdAt, id) order. */
export interface ClaimPosition {
  readonly createdAt: string;
  readonly id: string;
}

/** A checked list query, as both adapters run it: newest claims first, ties by id, descending. */
export interface ResolvedClaimQuery {
  readonly domain?: Domain;
  readonly verified?: boolean;
  readonly textContains?: string;
  readonly limit: number;
  readonly before?: ClaimPosition;
}

/** A claim as the stores hold it; adapters check what they read with it. */
export const claimSchema = z.object({
  id: claimIdSchema,
  text: z.string(),
  domain: z.enum(DOMAINS),
  confidence: z.optional(confidenceSchema),
  verified: z.boolean(),
  source: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().check(z.int(), z.gte(1)),
});

export const evidenceSchema = z.object({
  id: evidenceIdSchema,
  claimId: claimIdSchema,
  text: z.string(),
  source: z.string(),
  confidence: confidenceSchema,
  createdAt: z.string(),
});

const positionSchema = z.strictObject({
  createdAt: z.iso.datetime({ precision: 3 }),
  id: claimIdSchema,
});

export function newClaimId(): string {
  return `clm_${randomBytes(16).toString('base64url')}`;
}

export function newEvidenceId(): string {
  return `evd_${randomBytes(16).toString('base64url')}`;
}

/** The claim `input` describes, new at `now`. */
export function newClaim(input: CreateClaimInput, id: string, now: Date): Claim {
  const at = now.toISOString();
  return {
    id,
    text: input.text,
    domain: input.domain,
    ...(input.confidence !== undefined && { confidence: input.confidence }),
    verified: input.verified,
    ...(input.source !== undefined && { source: input.source }),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

export function newEvidence(input: AddEvidenceInput, ids: { id: string; claimId: string }, now: Date): Evidence {
  return { ...ids, text: input.text, source: input.source, confidence: input.confidence, createdAt: now.toISOString() };
}

/** `claim` with `changes` applied and its version bumped; the embedded store's update. */
export function applyClaimChanges(claim: Claim, changes: ClaimChanges): Claim {
  return versioned.applyChanges(CLAIM_KIND, claim, changes);
}

/** Checks the limit and the cursor. Throws `ValidationError` for either. */
export function resolveClaimQuery(query: ClaimListQuery): ResolvedClaimQuery {
  versioned.checkLimit(query.limit, CLAIM_LIMITS.maxPageSize);
  const resolved = {
    domain: query.domain,
    verified: query.verified,
    textContains: query.textContains,
    limit: query.limit,
  };
  if (query.cursor === undefined) return resolved;
  return { ...resolved, before: decodeCursor(query.cursor, claimScope(query), positionSchema) };
}

/** The page for `rows`, which the adapter fetched in order up to `limit + 1`. */
export function claimPage(rows: readonly Claim[], query: ClaimListQuery): ClaimPage {
  return versioned.keysetPage(rows, query.limit, claimScope(query), (last) => ({
    createdAt: last.createdAt,
    id: last.id,
  }));
}

function claimScope(query: ClaimListQuery): string {
  return cursorScope('claims', {
    domain: query.domain,
    verified: query.verified === undefined ? undefined : String(query.verified),
    textContains: query.textContains,
  });
}

/** How many links keep a claim from being deleted, by kind. Its own evidence never does: it goes with it. */
export interface ClaimLinks {
  /** `VALIDATES` or `CONTRADICTS`, in either direction. */
  readonly claims: number;
  /** Documents that contain it. */
  readonly documents: number;
  /** Any other relationship. */
  readonly others: number;
}

/** The 409 detail for deleting a claim that is still linked; undefined when nothing holds it. */
export function claimInUse(id: string, links: ClaimLinks): string | undefined {
  const holds = [
    versioned.plural(
      links.claims,
      'claim it validates, contradicts or is checked by',
      'claims it validates, contradicts or is checked by',
    ),
    versioned.plural(links.documents, 'document that contains it', 'documents that contain it'),
    versioned.plural(links.others, 'other link', 'other links'),
  ];
  return versioned.stillLinked(CLAIM_KIND, id, holds, 'remove those links first');
}

/** The rules every store keeps before adding evidence: the claim exists and holds fewer than `max` pieces. */
export function checkEvidence(claimId: string, found: { exists: boolean; held: () => number }, max: number): void {
  if (!found.exists) throw versioned.notFound(CLAIM_KIND, claimId);
  if (found.held() >= max) {
    throw new ConflictError(`Claim '${claimId}' already holds ${max} pieces of evidence, the most one claim may have`);
  }
}

/** Claims as a versioned resource, for the stores. */
export const CLAIM_RESOURCE: versioned.VersionedResource<Claim, ClaimListQuery> = {
  kind: CLAIM_KIND,
  schema: claimSchema,
  page: claimPage,
};
