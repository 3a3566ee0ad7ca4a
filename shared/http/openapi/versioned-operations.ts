import type * as z from 'zod/mini';
import { IF_MATCH_PATTERN } from '../preconditions.ts';
import type { OperationSpec } from './operation.ts';

const created = { location: 'Where the new resource lives' };
const versioned = { etag: 'The version of the resource, for `If-Match`' };
const ifMatch = {
  'if-match': {
    description:
      'Apply only to this version (an ETag, e.g. `"3"`), or `*`: a list of entity tags none of which is the ' +
      'current version (weak ones never are) is a 412; a value that is not an entity-tag list, an empty one too, is a 400',
    pattern: IF_MATCH_PATTERN,
  },
};

/** What the OpenAPI entries of a versioned resource's five routes are made of. */
export interface VersionedOperationsSpec {
  /** `concepts`: the tag, and the plural in summaries. */
  readonly tag: string;
  /** `concept`: the singular in summaries. */
  readonly one: string;
  readonly idParameter: string;
  readonly idSchema: z.ZodMiniType;
  readonly createSchema: z.ZodMiniType;
  readonly updateSchema: z.ZodMiniType;
  readonly listQuerySchema: z.ZodMiniObject;
  readonly resourceSchema: z.ZodMiniType;
  readonly pageSchema: z.ZodMiniType;
  /** How the list is ordered, e.g. `by name`. */
  readonly listOrder: string;
  /** What the delete does and what keeps one. */
  readonly deleteSummary: string;
}

/**
 * The OpenAPI entries of a versioned resource's create, list, get, update and delete (see
 * `shared/domain/versioned.ts`): the same statuses, headers and preconditions for every such resource.
 */
export function versionedOperations(spec: VersionedOperationsSpec) {
  const { tag, one } = spec;
  const params = { [spec.idParameter]: spec.idSchema };
  const json = (schema: z.ZodMiniType) => ({ schema, mediaType: 'application/json' }) as const;
  return {
    create: {
      summary: `Create a ${one}`,
      tag,
      body: json(spec.createSchema),
      responses: {
        201: { description: `The new ${one}`, schema: spec.resourceSchema, headers: { ...created, ...versioned } },
      },
    },
    list: {
      summary: `List ${tag}, ${spec.listOrder}`,
      tag,
      query: spec.listQuerySchema,
      responses: { 200: { description: `One page of ${tag}`, schema: spec.pageSchema } },
    },
    get: {
      summary: `A ${one}`,
      tag,
      params,
      responses: { 200: { description: `The ${one}`, schema: spec.resourceSchema, headers: versioned } },
      errors: [404],
    },
    update: {
      summary: `Change the given fields of a ${one}; \`null\` removes an optional one`,
      tag,
      params,
      requestHeaders: ifMatch,
      body: json(spec.updateSchema),
      responses: { 200: { description: `The changed ${one}`, schema: spec.resourceSchema, headers: versioned } },
      errors: [404, 409, 412],
    },
    delete: {
      summary: spec.deleteSummary,
      tag,
      params,
      responses: { 204: { description: 'Deleted' } },
      errors: [404, 409],
    },
  } satisfies Record<string, OperationSpec>;
}
