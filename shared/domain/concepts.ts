import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { ConflictError, ValidationError } from '#shared/errors';
import { CURSOR_MAX_LENGTH, cursorScope, decodeCursor } from './cursor.ts';
import { DOMAINS, type Domain } from './documents.ts';
import {
  applyChanges,
  checkLimit,
  keysetPage,
  notFound,
  plural,
  stillLinked,
  type Changes,
  type Page,
  type Versioned,
  type VersionedKind,
  type VersionedResource,
} from './versioned.ts';
import { userText } from './text.ts';

export const CONCEPT_LIMITS = {
  maxNameLength: 200,
  maxDescriptionLength: 5_000,
  maxSearchLength: 200,
  maxPageSize: 100,
  defaultPageSize: 20,
  /** Relations a concept may take part in (either end), so its relation list is always one bounded answer. */
  maxRelationsPerConcept: 500,
} as const;

export const CONCEPT_TYPES = ['idea', 'person', 'place', 'event', 'work', 'theory', 'other'] as const;
export type ConceptType = (typeof CONCEPT_TYPES)[number];

/** The Yggdrasil level: the era a concept belongs to, trunk (ancient) to leaves (contemporary). */
export const ERAS = [
  'ancient',
  'classical',
  'medieval',
  'renaissance',
  'enlightenment',
  'modern',
  'contemporary',
] as const;
export type Era = (typeof ERAS)[number];

/**
 * How one concept relates to another. Stored as the `relationship_type` property of one fixed
 * relationship type (`RELATES_TO`), so no query is ever built from what a client sent.
 */
export const RELATION_TYPES = [
  'is_a',
  'part_of',
  'causes',
  'influences',
  'contradicts',
  'similar_to',
  'precedes',
  'derived_from',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const DEFAULT_RELATION_STRENGTH = 1;

/** A versioned resource; its id is `con_` and 22 url-safe characters, made by the server. */
export interface Concept extends Versioned {
  readonly name: string;
  readonly description?: string;
  readonly domain: Domain;
  readonly type: ConceptType;
  readonly level?: Era;
}

export const CONCEPT_KIND: VersionedKind<Concept> = {
  label: 'Concept',
  changeable: ['name', 'description', 'domain', 'type', 'level'],
};

/** A directed, typed link from one concept to another; one per (from, to, type). */
export interface ConceptRelation {
  readonly from: string;
  readonly to: string;
  readonly type: RelationType;
  /** 0 to 1. */
  readonly strength: number;
}

export const conceptIdSchema = z
  .string()
  .check(
    z.regex(/^con_[A-Za-z0-9_-]{16,64}$/, { error: 'must be a concept id (con_ and 16 to 64 url-safe characters)' }),
  );

export const relationTypeSchema = z.enum(RELATION_TYPES);

const nameSchema = userText({ max: CONCEPT_LIMITS.maxNameLength });
const descriptionSchema = userText({ max: CONCEPT_LIMITS.maxDescriptionLength, trim: false });

/** Body of `POST /concepts`. */
export const createConceptSchema = z.strictObject({
  name: nameSchema,
  description: z.optional(descriptionSchema),
  domain: z._default(z.enum(DOMAINS), 'general'),
  type: z._default(z.enum(CONCEPT_TYPES), 'other'),
  level: z.optional(z.enum(ERAS)),
});
export type CreateConceptInput = z.infer<typeof createConceptSchema>;

/** Body of `PATCH /concepts/{id}`: the fields to change; `null` removes an optional field. */
export const updateConceptSchema = z
  .partial(
    z.strictObject({
      name: nameSchema,
      description: z.nullable(descriptionSchema),
      domain: z.enum(DOMAINS),
      type: z.enum(CONCEPT_TYPES),
      level: z.nullable(z.enum(ERAS)),
    }),
  )
  .check(z.refine((patch) => Object.keys(patch).length > 0, { error: 'give at least one field to change' }));
export type ConceptPatch = z.infer<typeof updateConceptSchema>;

export type ConceptChanges = Changes<ConceptPatch>;

/** Body of `POST /concepts/{id}/relations`. */
export const relateConceptsSchema = z.strictObject({
  to: conceptIdSchema,
  type: relationTypeSchema,
  strength: z._default(z.number().check(z.gte(0), z.lte(1)), DEFAULT_RELATION_STRENGTH),
});
export type RelateConceptsInput = z.infer<typeof relateConceptsSchema>;

/** Query of `GET /concepts`. */
export const conceptListQuerySchema = z.strictObject({
  domain: z.optional(z.enum(DOMAINS)),
  /** Case-insensitive substring of the name. */
  nameContains: z.optional(userText({ max: CONCEPT_LIMITS.maxSearchLength })),
  limit: z._default(
    z.coerce.number().check(z.int(), z.gte(1), z.lte(CONCEPT_LIMITS.maxPageSize)),
    CONCEPT_LIMITS.defaultPageSize,
  ),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(CURSOR_MAX_LENGTH))),
});
export interface ConceptListQuery {
  readonly domain?: Domain;
  readonly nameContains?: string;
  /** 1 to 100. */
  readonly limit: number;
  /** `nextCursor` of the previous page of the same query. */
  readonly cursor?: string;
}

export type ConceptPage = Page<Concept>;

/** Where a page starts: strictly after this concept in (name, id) order. */
export interface ConceptPosition {
  readonly name: string;
  readonly id: string;
}

/** A checked list query, as both adapters run it: concepts ordered by name, then id. */
export interface ResolvedConceptQuery {
  readonly domain?: Domain;
  readonly nameContains?: string;
  readonly limit: number;
  readonly after?: ConceptPosition;
}

/** A concept as the stores hold it; adapters check what they read with it. */
export const conceptSchema = z.object({
  id: conceptIdSchema,
  name: z.string(),
  description: z.optional(z.string()),
  domain: z.enum(DOMAINS),
  type: z.enum(CONCEPT_TYPES),
  level: z.optional(z.enum(ERAS)),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().check(z.int(), z.gte(1)),
});

export const conceptRelationSchema = z.object({
  from: conceptIdSchema,
  to: conceptIdSchema,
  type: relationTypeSchema,
  strength: z.number().check(z.gte(0), z.lte(1)),
});

const positionSchema = z.strictObject({
  name: z.string().check(z.maxLength(CONCEPT_LIMITS.maxNameLength)),
  id: conceptIdSchema,
});

export function newConceptId(): string {
  return `con_${randomBytes(16).toString('base64url')}`;
}

/** The concept `input` describes, new at `now`. */
export function newConcept(input: CreateConceptInput, id: string, now: Date): Concept {
  const at = now.toISOString();
  return {
    id,
    name: input.name,
    ...(input.description !== undefined && { description: input.description }),
    domain: input.domain,
    type: input.type,
    ...(input.level !== undefined && { level: input.level }),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** `concept` with `changes` applied and its version bumped; the embedded store's update. */
export function applyConceptChanges(concept: Concept, changes: ConceptChanges): Concept {
  return applyChanges(CONCEPT_KIND, concept, changes);
}

/** Checks the limit and the cursor. Throws `ValidationError` for either. */
export function resolveConceptQuery(query: ConceptListQuery): ResolvedConceptQuery {
  checkLimit(query.limit, CONCEPT_LIMITS.maxPageSize);
  const resolved = { domain: query.domain, nameContains: query.nameContains, limit: query.limit };
  if (query.cursor === undefined) return resolved;
  return { ...resolved, after: decodeCursor(query.cursor, conceptScope(query), positionSchema) };
}

/** The page for `rows`, which the adapter fetched in order up to `limit + 1`. */
export function conceptPage(rows: readonly Concept[], query: ConceptListQuery): ConceptPage {
  return keysetPage(rows, query.limit, conceptScope(query), (last) => ({ name: last.name, id: last.id }));
}

function conceptScope(query: ConceptListQuery): string {
  return cursorScope('concepts', { domain: query.domain, nameContains: query.nameContains });
}

/** How many links keep a concept from being deleted, by kind. */
export interface ConceptLinks {
  /** `RELATES_TO`, in either direction. */
  readonly relations: number;
  /** Documents that contain it. */
  readonly documents: number;
  /** Any other relationship (mentions, similarity, …). */
  readonly others: number;
}

/** The 409 detail for deleting a concept that is still linked; undefined when nothing holds it. */
export function conceptInUse(id: string, links: ConceptLinks): string | undefined {
  const holds = [
    plural(links.relations, 'relation to another concept', 'relations to other concepts'),
    plural(links.documents, 'document that contains it', 'documents that contain it'),
    plural(links.others, 'other link', 'other links'),
  ];
  const remedy =
    links.relations > 0
      ? `remove its ${links.relations} relation${links.relations === 1 ? '' : 's'} first`
      : 'remove those links first';
  return stillLinked(CONCEPT_KIND, id, holds, remedy);
}

export function selfRelationError(): ValidationError {
  const message = 'a concept cannot be related to itself';
  return new ValidationError(`to: ${message}`, [{ field: 'to', message }]);
}

/** What a store found, inside its transaction, before relating two concepts. */
export interface RelationPrecondition {
  readonly fromExists: boolean;
  readonly toExists: boolean;
  /** The relation is there already: relating again re-weighs it, so no cap applies. */
  readonly exists: boolean;
  /** How many relations the concept takes part in; asked only when a new relation would be made. */
  readonly relationCount: (conceptId: string) => number;
}

/** The rules every store keeps before relating `from` to `to`: both exist, and a new relation fits both caps. */
export function checkRelation(from: string, to: string, found: RelationPrecondition, maxRelations: number): void {
  if (!found.fromExists) throw notFound(CONCEPT_KIND, from);
  if (!found.toExists) throw notFound(CONCEPT_KIND, to);
  if (found.exists) return;
  for (const id of [from, to]) {
    if (found.relationCount(id) >= maxRelations) {
      throw new ConflictError(
        `Concept '${id}' already takes part in ${maxRelations} relations, the most one concept may have`,
      );
    }
  }
}

/** The order of `listRelations`: by from, to, then type. Ids and types are ASCII, so code units order them. */
export function compareRelations(a: ConceptRelation, b: ConceptRelation): number {
  return compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.type, b.type);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Concepts as a versioned resource, for the stores. */
export const CONCEPT_RESOURCE: VersionedResource<Concept, ConceptListQuery> = {
  kind: CONCEPT_KIND,
  schema: conceptSchema,
  page: conceptPage,
};
