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
import { documentIdSchema, documentListQuerySchema, domainParameterSchema } from '#shared/domain/document-knowledge';
import { documentSubmissionSchema } from '#shared/domain/documents';
import { analyzeTextSchema } from '#shared/domain/text-analysis';
import { searchQuerySchema, similarQuerySchema, visualizationQuerySchema } from '#shared/domain/vector-search';
import { createUserSchema, usernameSchema } from '#shared/domain/users';
import { apiKeyIdSchema, keyListParametersSchema, keyOwnerParametersSchema } from '#shared/services/api-keys';
import { auditListParametersSchema } from '#shared/services/audit-trail';
import { deadLetterListParametersSchema, redriveRequestSchema } from '#shared/services/dead-letters';
import { taskIdSchema, taskListParametersSchema } from '#shared/services/task-status';
import { userListParametersSchema, userUpdateSchema } from '#shared/services/user-accounts';
import { passwordGrantFormSchema } from './oauth-schemas.ts';
import type { OperationSpec, RequestBodySpec } from './operation.ts';
import * as responses from './response-schemas.ts';
import { versionedOperations } from './versioned-operations.ts';

const json = (schema: RequestBodySpec['schema']): RequestBodySpec => ({ schema, mediaType: 'application/json' });
const created = { location: 'Where the new resource lives' };

const conceptOperations = versionedOperations({
  tag: 'concepts',
  one: 'concept',
  idParameter: 'conceptId',
  idSchema: conceptIdSchema,
  createSchema: createConceptSchema,
  updateSchema: updateConceptSchema,
  listQuerySchema: conceptListQuerySchema,
  resourceSchema: responses.conceptSchema,
  pageSchema: responses.conceptPageSchema,
  listOrder: 'by name',
  deleteSummary: 'Delete a concept that nothing links to',
});

const claimOperations = versionedOperations({
  tag: 'claims',
  one: 'claim',
  idParameter: 'claimId',
  idSchema: claimIdSchema,
  createSchema: createClaimSchema,
  updateSchema: updateClaimSchema,
  listQuerySchema: claimListQuerySchema,
  resourceSchema: responses.claimSchema,
  pageSchema: responses.claimPageSchema,
  listOrder: 'newest first',
  deleteSummary: 'Delete a claim and its evidence, unless other claims or documents link to it',
});

/**
 * What each route takes and answers. The request schemas are the very objects the handlers validate with,
 * so the document cannot promise what a handler refuses; the response schemas are checked against the
 * handlers' answers by the conformance tests.
 */
export const operations = {
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
  listTasks: {
    summary: 'Your tasks, newest first (admins: everyone’s)',
    tag: 'documents',
    query: taskListParametersSchema,
    responses: { 200: { description: 'One page of progress records', schema: responses.taskPageSchema } },
  },
  cancelTask: {
    summary: 'Revoke an unfinished task: work not started is skipped, work in flight stops at the next item',
    tag: 'documents',
    params: { taskId: taskIdSchema },
    responses: {
      200: { description: 'The REVOKED record, with the items done', schema: responses.taskProgressSchema },
    },
    errors: [404, 409],
  },
  listDeadLetters: {
    summary: 'Messages that failed for good, with the reason and their task',
    tag: 'tasks',
    query: deadLetterListParametersSchema,
    responses: { 200: { description: 'The dead letters', schema: responses.deadLetterListSchema } },
  },
  redriveDeadLetters: {
    summary: "Move a task type's dead letters back onto its queue",
    tag: 'tasks',
    body: json(redriveRequestSchema),
    responses: { 202: { description: 'Moved, or SQS is moving them', schema: responses.redriveOutcomeSchema } },
  },
  listDocuments: {
    summary: 'List documents by id, with their language, summary and sentiment',
    tag: 'documents',
    query: documentListQuerySchema,
    responses: { 200: { description: 'One page of documents', schema: responses.documentPageSchema } },
  },
  getDocument: {
    summary: 'A document with its text, summary, entities and concepts',
    tag: 'documents',
    params: { documentId: documentIdSchema },
    responses: { 200: { description: 'The document', schema: responses.documentDetailsSchema } },
    errors: [404],
  },
  getDomain: {
    summary: "A domain's structure: counts and its most connected concepts",
    tag: 'documents',
    params: { domain: domainParameterSchema },
    responses: { 200: { description: 'The domain', schema: responses.domainOverviewSchema } },
  },
  analyzeText: {
    summary: 'Analyse one text now: language, entities, concepts, key phrases, summary, sentiment',
    tag: 'documents',
    body: json(analyzeTextSchema),
    responses: { 200: { description: 'The analysis; nothing is stored', schema: responses.textAnalysisSchema } },
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
    summary:
      'Issue an API key for yourself (with a bearer token, not with an API key); 409 once you hold the most active keys an account may',
    tag: 'api-keys',
    body: json(createApiKeySchema),
    responses: {
      201: { description: 'The key, shown this once', schema: responses.issuedApiKeySchema, headers: created },
    },
    errors: [403, 409],
  },
  listApiKeys: {
    summary: 'Your API keys, oldest first, paginated; with `users:write`, anyone’s (`owner`)',
    tag: 'api-keys',
    query: keyListParametersSchema,
    responses: {
      200: { description: 'One page of keys, never the keys themselves', schema: responses.apiKeyListSchema },
    },
    errors: [403, 404],
  },
  revokeApiKey: {
    summary:
      'Revoke one of your API keys (signed in with an API key: that key only); with `users:write`, anyone’s (`owner`)',
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

  createConcept: conceptOperations.create,
  listConcepts: conceptOperations.list,
  getConcept: conceptOperations.get,
  updateConcept: conceptOperations.update,
  deleteConcept: conceptOperations.delete,
  relateConcepts: {
    summary: 'Relate a concept to another, never to itself (400); relating again changes only the strength',
    tag: 'concepts',
    params: { conceptId: conceptIdSchema },
    body: json(relateConceptsSchema),
    responses: {
      200: {
        description: 'The relation existed: its strength is now the one sent',
        schema: responses.conceptRelationSchema,
        headers: created,
      },
      201: { description: 'The new relation', schema: responses.conceptRelationSchema, headers: created },
    },
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

  createClaim: claimOperations.create,
  listClaims: claimOperations.list,
  getClaim: claimOperations.get,
  updateClaim: claimOperations.update,
  deleteClaim: claimOperations.delete,
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
} satisfies Readonly<Record<string, OperationSpec>>;
