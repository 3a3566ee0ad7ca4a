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
import { BENCH_ADMIN } from './bench-admin.ts';

/** A request a function is benchmarked with: small, valid, and on the function's own route. */
export interface SampleRequest {
  readonly method: string;
  readonly path: string;
  readonly routeKey: string;
  readonly body?: string;
  /** The body's media type; JSON when unset. */
  readonly contentType?: string;
  readonly query?: Readonly<Record<string, string>>;
}

/** A short English text: a first document or analysis loads the English models with it, as a real one would. */
const SAMPLE_TEXT = 'Euclid wrote the Elements in Alexandria. It is a wonderful book.';

type SampleInput = Pick<SampleRequest, 'body' | 'contentType' | 'query'>;
const jsonBody = (value: unknown): SampleInput => ({ body: JSON.stringify(value) });

/**
 * What each route that takes a body or a required query is sent: valid input, so the first event runs the
 * route's real work (a create creates, a search searches) rather than stopping at validation with a 400 or 415.
 * Updates name nothing and answer 404 after validating. A route missing here is sent neither.
 */
const SAMPLE_INPUTS: Readonly<Record<string, () => SampleInput>> = {
  // The bench's admin logs in: the first event verifies a password (one scrypt hash), as a real login does.
  'POST /token': () => ({
    body: new URLSearchParams({
      grant_type: 'password',
      username: BENCH_ADMIN.username,
      password: BENCH_ADMIN.password,
    }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  }),
  'POST /documents': () => jsonBody({ documents: [{ title: 't', text: 'x' }] }),
  'POST /dead-letters/redrive': () => jsonBody({ task: 'process-documents' }),
  // A real text, so the cold start includes loading the English models, as a first request would.
  'POST /analyze/text': () => jsonBody({ text: SAMPLE_TEXT }),
  // Creating an account hashes its password (one scrypt hash).
  'POST /users': () =>
    jsonBody({
      username: `bench-${randomBytes(4).toString('hex')}`,
      password: randomBytes(18).toString('base64url'),
      role: 'viewer',
    }),
  'PATCH /users/{username}': () => jsonBody({ role: 'viewer' }),
  'POST /api-keys': () => jsonBody({ name: 'bench' }),
  'POST /concepts': () => jsonBody({ name: 'Photosynthesis', description: 'How plants turn light into sugar' }),
  'PATCH /concepts/{conceptId}': () => jsonBody({ description: 'How plants turn light into sugar' }),
  'POST /concepts/{conceptId}/relations': () => jsonBody({ to: newConceptId(), type: RELATION_TYPES[0] }),
  'POST /claims': () => jsonBody({ text: 'Plants turn light into sugar' }),
  'PATCH /claims/{claimId}': () => jsonBody({ verified: true }),
  'POST /claims/{claimId}/evidence': () =>
    jsonBody({ text: 'Measured in a greenhouse', source: 'https://example.org/study', confidence: 0.8 }),
  // A real query: it is embedded (the local ONNX model loads on the first one) and searched.
  'GET /search': () => ({ query: { q: 'how plants turn light into sugar' } }),
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
  return { method: fn.route.method, path, routeKey, ...SAMPLE_INPUTS[routeKey]?.() };
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
    headers['content-type'] = request.contentType ?? 'application/json';
    headers['content-length'] = String(Buffer.byteLength(request.body));
  }
  const pathParameters = routePath === undefined ? undefined : matchPath(routePath, request.path);
  return httpEvent({
    method: request.method,
    path: request.path,
    routeKey: request.routeKey,
    headers,
    ...(request.body !== undefined && { body: request.body }),
    ...(request.query !== undefined && { queryStringParameters: { ...request.query } }),
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
    // A real text: the worker analyses it (the English models load), embeds its chunk and stores it.
    const document = toKnowledgeDocument({ title: 'Elements', text: SAMPLE_TEXT, domain: 'general' });
    return documentBatchMessageSchema.parse({ taskId: randomUUID(), documents: [{ index: 0, document }] });
  },
};
