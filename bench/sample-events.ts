import { randomBytes, randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import type { HttpFunction, TaskType } from '#functions/manifest';
import { documentBatchMessageSchema, type DocumentBatchMessage } from '#shared/domain/document-batches';
import { newClaimId } from '#shared/domain/claims';
import { newConceptId, RELATION_TYPES } from '#shared/domain/concepts';
import { toKnowledgeDocument } from '#shared/domain/documents';
import { matchPath } from '#shared/http/routes';
import type { HttpEvent } from '#shared/http/types';
import { httpEvent, sqsEvent } from '../test/support/events.ts';

/** A request a function is benchmarked with: small, valid, and on the function's own route. */
export interface SampleRequest {
  readonly method: string;
  readonly path: string;
  readonly routeKey: string;
  readonly body?: string;
}

/** Bodies for routes that need one; a route missing here is sent without a body. */
const SAMPLE_BODIES: Readonly<Record<string, string>> = {
  'POST /documents': JSON.stringify({ documents: [{ title: 't', text: 'x' }] }),
  'POST /concepts': JSON.stringify({ name: 'Photosynthesis', description: 'How plants turn light into sugar' }),
  // A real text, so the cold start includes loading the English models, as a first request would.
  'POST /analyze/text': JSON.stringify({ text: 'Euclid wrote the Elements in Alexandria. It is a wonderful book.' }),
};

/**
 * Path parameters get a fresh, well-formed value that names nothing, so the route looks it up (and answers 404)
 * instead of refusing the format with a 400; a parameter missing here gets a UUID.
 */
const PARAMETER_SAMPLES: Readonly<Record<string, () => string>> = {
  conceptId: newConceptId,
  targetId: newConceptId,
  claimId: newClaimId,
  relationType: () => RELATION_TYPES[0],
  keyId: () => randomBytes(12).toString('base64url'),
  username: () => `nobody-${randomBytes(4).toString('hex')}`,
  documentId: () => `doc_${randomBytes(16).toString('hex')}`,
  domain: () => 'general',
};

/** `$default` gets a path no route serves. */
export function sampleRequestFor(fn: HttpFunction): SampleRequest {
  if (fn.route === '$default') return { method: 'GET', path: '/nope', routeKey: '$default' };
  const routeKey = `${fn.route.method} ${fn.route.path}`;
  const path = fn.route.path.replaceAll(/\{(\w+)\}/g, (_, name: string) => (PARAMETER_SAMPLES[name] ?? randomUUID)());
  const body = SAMPLE_BODIES[routeKey];
  return { method: fn.route.method, path, routeKey, ...(body !== undefined && { body }) };
}

/** The API Gateway HTTP API (payload 2.0) event for a sample request, with `extraHeaders` (credentials). */
export function sampleHttpEvent(
  request: SampleRequest,
  routePath?: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): HttpEvent {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': 'yggdrasil-bench',
    ...extraHeaders,
  };
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(request.body));
  }
  const pathParameters = routePath === undefined ? undefined : matchPath(routePath, request.path);
  return httpEvent({
    method: request.method,
    path: request.path,
    routeKey: request.routeKey,
    headers,
    ...(request.body !== undefined && { body: request.body }),
    ...(pathParameters && Object.keys(pathParameters).length > 0 && { pathParameters }),
  });
}

export function sampleEventForHttpFunction(
  fn: HttpFunction,
  extraHeaders: Readonly<Record<string, string>> = {},
): HttpEvent {
  return sampleHttpEvent(sampleRequestFor(fn), fn.route === '$default' ? undefined : fn.route.path, extraHeaders);
}

/** An SQS batch of one valid message for the task; checked against the task's own schema before use. */
export function sampleTaskEvent(task: TaskType): SQSEvent {
  return sqsEvent([JSON.stringify(SAMPLE_MESSAGES[task]())]);
}

/** One entry per task type: a new task type does not compile until it has a sample message. */
const SAMPLE_MESSAGES: { readonly [T in TaskType]: () => unknown } = {
  'process-documents': (): DocumentBatchMessage => {
    const document = toKnowledgeDocument({ title: 't', text: 'x', domain: 'general' });
    return documentBatchMessageSchema.parse({ taskId: randomUUID(), documents: [{ index: 0, document }] });
  },
};
