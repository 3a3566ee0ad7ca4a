import type { httpFunctions } from '#functions/manifest';
import { createApiKeySchema } from '#shared/domain/api-keys';
import {
  addEvidenceSchema,
  claimIdSchema,
  claimListQuerySchema,
  createClaimSchema,
  updateClaimSchema,
} from '#shared/domain/claims';
import {
  conceptIdSchema,
  conceptListQuerySchema,
  createConceptSchema,
  relateConceptsSchema,
  relationTypeSchema,
  updateConceptSchema,
} from '#shared/domain/concepts';
import { documentSubmissionSchema } from '#shared/domain/documents';
import {
  documentIdSchema,
  domainParameterSchema,
  searchQuerySchema,
  similarQuerySchema,
  visualizationQuerySchema,
} from '#shared/domain/vector-search';
import { createUserSchema, usernameSchema } from '#shared/domain/users';
import { apiKeyIdSchema, keyOwnerParametersSchema } from '#shared/services/api-keys';
import { auditListParametersSchema } from '#shared/services/audit-trail';
import { taskIdSchema } from '#shared/services/task-status';
import { userListParametersSchema, userUpdateSchema } from '#shared/services/user-accounts';
import { passwordGrantFormSchema } from './oauth-schemas.ts';
import type { OperationSpec, RequestBodySpec } from './operation.ts';
import * as responses from './response-schemas.ts';

/** Every routed manifest entry: `$default` (the fallback) is not a route of its own. */
export type RoutedFunctionKey = Exclude<keyof typeof httpFunctions, 'fallback'>;

const json = (schema: RequestBodySpec['schema']): RequestBodySpec => ({ schema, mediaType: 'application/json' });
const created = { location: 'Where the new resource lives' };
const versioned = { etag: 'The version of the resource, for `If-Match`' };
const createdVersioned = { ...created, ...versioned };
const ifMatch = { 'if-match': 'Apply only to this version (an ETag, e.g. `"3"`); otherwise 412' };

/**
 * What each route takes and answers. The request schemas are the very objects the handlers validate with,
 * so the document cannot promise what a handler refuses; the response schemas are checked against the
 * handlers' answers by the conformance tests.
 */
export const operations: Readonly<Record<RoutedFunctionKey, OperationSpec>> = {
  health: {
    summary: 'Report each dependency and whether it is up',
    tag: 'system',
    responses: {
      200: { description: 'Every dependency is up', schema: responses.healthReportSchema },
      503: { description: 'Some dependency is down: `down` names it', schema: responses.healthReportSchema },
    },
  },
  openapi: {
    summary: 'This OpenAPI document',
    tag: 'system',
    responses: { 200: { description: 'The OpenAPI 3.1 document', schema: responses.openApiDocumentSchema } },
  },
  issueToken: {
    summary: 'Exchange a username and password for an access token (OAuth 2.0 password grant)',
    tag: 'identity',
    body: { schema: passwordGrantFormSchema, mediaType: 'application/x-www-form-urlencoded' },
    responses: { 200: { description: 'A bearer token', schema: responses.accessTokenSchema } },
    oauthErrors: [400, 429],
  },

  submitDocuments: {
    summary: 'Submit 1 to 100 documents for processing',
    tag: 'documents',
    body: json(documentSubmissionSchema),
    responses: {
      202: {
        description: 'Accepted and queued: follow the task at `statusUrl`',
        schema: responses.taskAcceptedSchema,
        headers: created,
      },
    },
  },
  getTask: {
    summary: "A task's progress",
    tag: 'documents',
    params: { taskId: taskIdSchema },
    responses: { 200: { description: 'The progress record', schema: responses.taskProgressSchema } },
    errors: [404],
  },

  createUser: {
    summary: 'Create an account',
    tag: 'users',
    body: json(createUserSchema),
    responses: { 201: { description: 'The new account', schema: responses.publicUserSchema, headers: created } },
    errors: [409],
  },
  listUsers: {
    summary: 'List accounts, by username',
    tag: 'users',
    query: userListParametersSchema,
    responses: { 200: { description: 'One page of accounts', schema: responses.userPageSchema } },
  },
  updateUser: {
    summary: "Change an account's role, disable or enable it (never your own)",
    tag: 'users',
    params: { username: usernameSchema },
    body: json(userUpdateSchema),
    responses: { 200: { description: 'The changed account', schema: responses.publicUserSchema } },
    errors: [404],
  },

  createApiKey: {
    summary: 'Issue an API key for yourself (with a bearer token, not with an API key)',
    tag: 'api-keys',
    body: json(createApiKeySchema),
    responses: {
      201: { description: 'The key, shown this once', schema: responses.issuedApiKeySchema, headers: created },
    },
    errors: [403],
  },
  listApiKeys: {
    summary: 'Your API keys; with `users:write`, anyone’s (`owner`)',
    tag: 'api-keys',
    query: keyOwnerParametersSchema,
    responses: { 200: { description: 'The keys, never the keys themselves', schema: responses.apiKeyListSchema } },
    errors: [403, 404],
  },
  revokeApiKey: {
    summary: 'Revoke one of your API keys; with `users:write`, anyone’s (`owner`)',
    tag: 'api-keys',
    params: { keyId: apiKeyIdSchema },
    query: keyOwnerParametersSchema,
    responses: { 204: { description: 'Revoked' } },
    errors: [403, 404],
  },

  listAudit: {
    summary: 'The audit trail, newest first',
    tag: 'audit',
    query: auditListParametersSchema,
    responses: { 200: { description: 'One page of entries', schema: responses.auditPageSchema } },
  },

  createConcept: {
    summary: 'Create a concept',
    tag: 'concepts',
    body: json(createConceptSchema),
    responses: {
      201: { description: 'The new concept', schema: responses.conceptSchema, headers: createdVersioned },
    },
  },
  listConcepts: {
    summary: 'List concepts, by name',
    tag: 'concepts',
    query: conceptListQuerySchema,
    responses: { 200: { description: 'One page of concepts', schema: responses.conceptPageSchema } },
  },
  getConcept: {
    summary: 'A concept',
    tag: 'concepts',
    params: { conceptId: conceptIdSchema },
    responses: { 200: { description: 'The concept', schema: responses.conceptSchema, headers: versioned } },
    errors: [404],
  },
  updateConcept: {
    summary: 'Change the given fields of a concept; `null` removes an optional one',
    tag: 'concepts',
    params: { conceptId: conceptIdSchema },
    requestHeaders: ifMatch,
    body: json(updateConceptSchema),
    responses: { 200: { description: 'The changed concept', schema: responses.conceptSchema, headers: versioned } },
    errors: [404, 409, 412],
  },
  deleteConcept: {
    summary: 'Delete a concept that nothing links to',
    tag: 'concepts',
    params: { conceptId: conceptIdSchema },
    responses: { 204: { description: 'Deleted' } },
    errors: [404, 409],
  },
  relateConcepts: {
    summary: 'Relate a concept to another (again: only the strength changes)',
    tag: 'concepts',
    params: { conceptId: conceptIdSchema },
    body: json(relateConceptsSchema),
    responses: { 201: { description: 'The relation', schema: responses.conceptRelationSchema, headers: created } },
    errors: [404, 409],
  },
  listConceptRelations: {
    summary: "A concept's relations, both ways",
    tag: 'concepts',
    params: { conceptId: conceptIdSchema },
    responses: { 200: { description: 'The relations', schema: responses.conceptRelationListSchema } },
    errors: [404],
  },
  unrelateConcepts: {
    summary: 'Remove a relation',
    tag: 'concepts',
    params: { conceptId: conceptIdSchema, relationType: relationTypeSchema, targetId: conceptIdSchema },
    responses: { 204: { description: 'Removed' } },
    errors: [404],
  },

  createClaim: {
    summary: 'Create a claim',
    tag: 'claims',
    body: json(createClaimSchema),
    responses: { 201: { description: 'The new claim', schema: responses.claimSchema, headers: createdVersioned } },
  },
  listClaims: {
    summary: 'List claims, newest first',
    tag: 'claims',
    query: claimListQuerySchema,
    responses: { 200: { description: 'One page of claims', schema: responses.claimPageSchema } },
  },
  getClaim: {
    summary: 'A claim',
    tag: 'claims',
    params: { claimId: claimIdSchema },
    responses: { 200: { description: 'The claim', schema: responses.claimSchema, headers: versioned } },
    errors: [404],
  },
  updateClaim: {
    summary: 'Change the given fields of a claim; `null` removes an optional one',
    tag: 'claims',
    params: { claimId: claimIdSchema },
    requestHeaders: ifMatch,
    body: json(updateClaimSchema),
    responses: { 200: { description: 'The changed claim', schema: responses.claimSchema, headers: versioned } },
    errors: [404, 409, 412],
  },
  deleteClaim: {
    summary: 'Delete a claim and its evidence, unless other claims or documents link to it',
    tag: 'claims',
    params: { claimId: claimIdSchema },
    responses: { 204: { description: 'Deleted' } },
    errors: [404, 409],
  },
  addEvidence: {
    summary: 'Add evidence to a claim',
    tag: 'claims',
    params: { claimId: claimIdSchema },
    body: json(addEvidenceSchema),
    responses: { 201: { description: 'The evidence', schema: responses.evidenceSchema } },
    errors: [404, 409],
  },
  listEvidence: {
    summary: "A claim's evidence, oldest first",
    tag: 'claims',
    params: { claimId: claimIdSchema },
    responses: { 200: { description: 'The evidence', schema: responses.evidenceListSchema } },
    errors: [404],
  },

  searchDocuments: {
    summary: 'Search documents by meaning; each document once, at its best-matching chunk',
    tag: 'search',
    query: searchQuerySchema,
    responses: { 200: { description: 'The hits, best first', schema: responses.searchResultSchema } },
    errors: [503],
  },
  similarDocuments: {
    summary: 'The documents nearest in meaning to one document',
    tag: 'search',
    params: { documentId: documentIdSchema },
    query: similarQuerySchema,
    responses: { 200: { description: 'The hits, best first', schema: responses.similarDocumentsSchema } },
    errors: [404],
  },
  deleteDocument: {
    summary: "Delete a document: its node, its chunks' vectors and the entities only it mentioned (idempotent)",
    tag: 'documents',
    params: { documentId: documentIdSchema },
    responses: { 204: { description: 'Deleted, or already gone' } },
  },
  visualizeVectors: {
    summary: "A domain's chunk vectors projected to 3-D by PCA",
    tag: 'search',
    params: { domain: domainParameterSchema },
    query: visualizationQuerySchema,
    responses: {
      200: {
        description: 'Points, their metadata and the explained variance',
        schema: responses.vectorVisualizationSchema,
      },
    },
  },
};
