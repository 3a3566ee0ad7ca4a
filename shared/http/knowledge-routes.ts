import { claimIdSchema, claimListQuerySchema, createClaimSchema, updateClaimSchema } from '#shared/domain/claims';
import {
  conceptIdSchema,
  conceptListQuerySchema,
  createConceptSchema,
  updateConceptSchema,
} from '#shared/domain/concepts';
import type { VersionedRoutes } from './versioned-handlers.ts';

/** A name, a description or a text of a few thousand characters fit many times over, even fully escaped. */
const MAX_BODY_BYTES = 64 * 1024;

export const conceptRoutes = {
  resource: 'concept',
  collection: '/concepts',
  idParameter: 'conceptId',
  idSchema: conceptIdSchema,
  createSchema: createConceptSchema,
  updateSchema: updateConceptSchema,
  listQuerySchema: conceptListQuerySchema,
  maxBodyBytes: MAX_BODY_BYTES,
} satisfies VersionedRoutes<unknown, unknown, unknown>;

export const claimRoutes = {
  resource: 'claim',
  collection: '/claims',
  idParameter: 'claimId',
  idSchema: claimIdSchema,
  createSchema: createClaimSchema,
  updateSchema: updateClaimSchema,
  listQuerySchema: claimListQuerySchema,
  maxBodyBytes: MAX_BODY_BYTES,
} satisfies VersionedRoutes<unknown, unknown, unknown>;
