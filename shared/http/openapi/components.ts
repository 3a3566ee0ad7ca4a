import type * as z from 'zod/mini';
import { createApiKeySchema } from '#shared/domain/api-keys';
import { addEvidenceSchema, createClaimSchema, updateClaimSchema } from '#shared/domain/claims';
import { createConceptSchema, relateConceptsSchema, updateConceptSchema } from '#shared/domain/concepts';
import { documentSubmissionSchema } from '#shared/domain/documents';
import { analyzeTextSchema } from '#shared/domain/text-analysis';
import { createUserSchema } from '#shared/domain/users';
import { redriveRequestSchema } from '#shared/services/dead-letters';
import { userUpdateSchema } from '#shared/services/user-accounts';
import { oauthErrorSchema, passwordGrantFormSchema } from './oauth-schemas.ts';
import { problemSchema } from './problem-schemas.ts';
import * as responses from './response-schemas.ts';

/**
 * The names under `components.schemas`. Every request and response body of the registry has one here, so
 * the document names each shape once and `$ref`s it everywhere else.
 */
export const requestComponents: Readonly<Record<string, z.ZodMiniType>> = {
  PasswordGrant: passwordGrantFormSchema,
  DocumentSubmission: documentSubmissionSchema,
  CreateUserRequest: createUserSchema,
  UpdateUserRequest: userUpdateSchema,
  CreateApiKeyRequest: createApiKeySchema,
  CreateConceptRequest: createConceptSchema,
  UpdateConceptRequest: updateConceptSchema,
  RelateConceptsRequest: relateConceptsSchema,
  CreateClaimRequest: createClaimSchema,
  UpdateClaimRequest: updateClaimSchema,
  AddEvidenceRequest: addEvidenceSchema,
  RedriveRequest: redriveRequestSchema,
  AnalyzeTextRequest: analyzeTextSchema,
};

export const responseComponents: Readonly<Record<string, z.ZodMiniType>> = {
  Problem: problemSchema,
  OAuthError: oauthErrorSchema,
  HealthReport: responses.healthReportSchema,
  OpenApiDocument: responses.openApiDocumentSchema,
  AccessToken: responses.accessTokenSchema,
  TaskAccepted: responses.taskAcceptedSchema,
  TaskProgress: responses.taskProgressSchema,
  TaskPage: responses.taskPageSchema,
  DeadLetterList: responses.deadLetterListSchema,
  RedriveOutcome: responses.redriveOutcomeSchema,
  User: responses.publicUserSchema,
  UserPage: responses.userPageSchema,
  ApiKey: responses.apiKeySummarySchema,
  IssuedApiKey: responses.issuedApiKeySchema,
  ApiKeyList: responses.apiKeyListSchema,
  AuditEntry: responses.auditEntrySchema,
  AuditPage: responses.auditPageSchema,
  Concept: responses.conceptSchema,
  ConceptPage: responses.conceptPageSchema,
  ConceptRelation: responses.conceptRelationSchema,
  ConceptRelationList: responses.conceptRelationListSchema,
  Claim: responses.claimSchema,
  ClaimPage: responses.claimPageSchema,
  Evidence: responses.evidenceSchema,
  EvidenceList: responses.evidenceListSchema,
  TextAnalysis: responses.textAnalysisSchema,
  DocumentPage: responses.documentPageSchema,
  DocumentDetails: responses.documentDetailsSchema,
  DomainOverview: responses.domainOverviewSchema,
  SearchResult: responses.searchResultSchema,
  SimilarDocuments: responses.similarDocumentsSchema,
  VectorVisualization: responses.vectorVisualizationSchema,
};

/** What a schema's `.refine` checks, which zod cannot convert, said in JSON Schema for the named request. */
export const refinementKeywords: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  UpdateUserRequest: { minProperties: 1 },
  UpdateConceptRequest: { minProperties: 1 },
  UpdateClaimRequest: { minProperties: 1 },
};
