import type { Context } from 'aws-lambda';
import type { HttpFunction } from '#functions/manifest';
import { auditLog } from '#shared/container/audit';
import type { AuditEntry } from '#shared/domain/audit';
import type { HttpEvent, HttpResult } from '#shared/http/types';
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
