import type { Context } from 'aws-lambda';
import { beforeEach } from 'vitest';
import { httpFunctions, type HttpFunction } from '#functions/manifest';
import * as addEvidence from '#functions/http/add-evidence';
import * as createClaim from '#functions/http/create-claim';
import * as createConcept from '#functions/http/create-concept';
import * as deleteClaim from '#functions/http/delete-claim';
import * as deleteConcept from '#functions/http/delete-concept';
import * as getClaim from '#functions/http/get-claim';
import * as getConcept from '#functions/http/get-concept';
import * as listClaims from '#functions/http/list-claims';
import * as listConceptRelations from '#functions/http/list-concept-relations';
import * as listConcepts from '#functions/http/list-concepts';
import * as listEvidence from '#functions/http/list-evidence';
import * as relateConcepts from '#functions/http/relate-concepts';
import * as unrelateConcepts from '#functions/http/unrelate-concepts';
import * as updateClaim from '#functions/http/update-claim';
import * as updateConcept from '#functions/http/update-concept';
import { auditLog } from '#shared/container/audit';
import type { AuditEntry } from '#shared/domain/audit';
import type { Role } from '#shared/domain/roles';
import type { HttpEvent, HttpResult } from '#shared/http/types';
import { authHeaders } from '../../support/auth.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';

export interface Request {
  readonly headers?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  /** A string is sent as it is; anything else as JSON. */
  readonly body?: unknown;
  /** Defaults to `application/json` when there is a body; `null` sends none. */
  readonly contentType?: string | null;
}

export type Endpoint = (request?: Request) => Promise<HttpResult>;

/**
 * Calls `handler` as API Gateway would for `fn`'s route: the path filled in from `pathParameters`, the
 * route key from the manifest, and the query string as both the raw string and the parsed parameters.
 */
export function endpoint(
  fn: HttpFunction,
  handler: (event: HttpEvent, context: Context) => Promise<HttpResult>,
): Endpoint {
  if (fn.route === '$default') throw new Error(`${fn.name} has no route`);
  const { method, path } = fn.route;
  return async (request = {}) => {
    const parameters = request.pathParameters ?? {};
    const filled = path.replaceAll(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(parameters[name] ?? ''));
    const body =
      request.body === undefined || typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    const contentType = request.contentType === undefined ? 'application/json' : request.contentType;
    const event = httpEvent({
      method,
      path: filled,
      routeKey: `${method} ${path}`,
      ...(body !== undefined && { body }),
      headers: {
        ...(body !== undefined && contentType !== null && { 'content-type': contentType }),
        ...request.headers,
      },
      ...(request.pathParameters && { pathParameters: request.pathParameters }),
    });
    const query = request.query ?? {};
    const withQuery: HttpEvent =
      Object.keys(query).length === 0
        ? event
        : { ...event, rawQueryString: new URLSearchParams(query).toString(), queryStringParameters: query };
    return handler(withQuery, lambdaContext(fn));
  };
}

/** The audit entries of `action` that `username` caused (entries of one millisecond have no set order). */
export async function auditEntries(username: string, action: string): Promise<AuditEntry[]> {
  const page = await auditLog().query({ user: username, limit: 100 });
  return page.entries.filter((entry) => entry.action === action);
}

/** An id of the right shape that no store holds. */
export const UNKNOWN_CONCEPT_ID = 'con_AAAAAAAAAAAAAAAAAAAAAA';
export const UNKNOWN_CLAIM_ID = 'clm_AAAAAAAAAAAAAAAAAAAAAA';

/** The five routes every versioned resource has (see `shared/http/versioned-handlers.ts`). */
export interface VersionedApi {
  readonly create: Endpoint;
  readonly list: Endpoint;
  readonly get: Endpoint;
  readonly update: Endpoint;
  readonly delete: Endpoint;
}

/** The concept routes, called as API Gateway would. */
export const conceptApi = {
  create: endpoint(httpFunctions.createConcept, createConcept.handler),
  list: endpoint(httpFunctions.listConcepts, listConcepts.handler),
  get: endpoint(httpFunctions.getConcept, getConcept.handler),
  update: endpoint(httpFunctions.updateConcept, updateConcept.handler),
  delete: endpoint(httpFunctions.deleteConcept, deleteConcept.handler),
  relate: endpoint(httpFunctions.relateConcepts, relateConcepts.handler),
  relations: endpoint(httpFunctions.listConceptRelations, listConceptRelations.handler),
  unrelate: endpoint(httpFunctions.unrelateConcepts, unrelateConcepts.handler),
} satisfies VersionedApi & Record<string, Endpoint>;

/** The claim routes, called as API Gateway would. */
export const claimApi = {
  create: endpoint(httpFunctions.createClaim, createClaim.handler),
  list: endpoint(httpFunctions.listClaims, listClaims.handler),
  get: endpoint(httpFunctions.getClaim, getClaim.handler),
  update: endpoint(httpFunctions.updateClaim, updateClaim.handler),
  delete: endpoint(httpFunctions.deleteClaim, deleteClaim.handler),
  addEvidence: endpoint(httpFunctions.addEvidence, addEvidence.handler),
  evidence: endpoint(httpFunctions.listEvidence, listEvidence.handler),
} satisfies VersionedApi & Record<string, Endpoint>;

/** Bearer headers for an editor, an admin and a viewer, made afresh before each test. */
export type RoleHeaders = Readonly<Record<'editor' | 'admin' | 'viewer', Record<string, string>>>;

/**
 * Registers a `beforeEach` that signs in one account per role (named by `usernames`, else at random) and
 * returns the headers, which are current inside each test.
 */
export function useRoleHeaders(usernames: Partial<Record<keyof RoleHeaders, string>> = {}): RoleHeaders {
  const headers: Record<string, Record<string, string>> = {};
  beforeEach(async () => {
    // One after another: the first call makes the signing keys the others sign with.
    for (const role of ['editor', 'admin', 'viewer'] as const satisfies readonly Role[]) {
      headers[role] = await authHeaders(role, usernames[role]);
    }
  });
  return headers as RoleHeaders;
}
