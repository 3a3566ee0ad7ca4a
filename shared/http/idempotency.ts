import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyInconsistentStateError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import type { HttpFunction } from '#shared/function-definitions';
import { config } from '#shared/config';
import { idempotencyStore } from '#shared/container/idempotency';
import { DependencyError, HttpError, IdempotencyInProgressError, IdempotencyKeyReusedError } from '#shared/errors';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeySchema, REPLAYED_HEADER } from './idempotency-key.ts';
import { markReplayed, requirePrincipal } from './request-state.ts';
import type { Context, HttpEvent, HttpResult } from './types.ts';
import { validate } from './validation.ts';

/** What a record is found by (`key`) and checked against (`request`). */
interface IdempotentRequest {
  readonly [field: string]: string | { readonly [field: string]: string };
  readonly caller: string;
  readonly key: string;
  readonly request: { readonly route: string; readonly bodySha256: string };
}

/** The stored form of a response: sealed, since a response may hold a secret (a new API key). */
interface SealedResponse {
  readonly [field: string]: string | boolean;
  readonly sealed: string;
}

type Handler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * `Idempotency-Key` for a creating route (manifest `idempotent`), on Powertools Idempotency: the first
 * request with a key runs and its response is kept for `IDEMPOTENCY_TTL_SECONDS`, per caller; a retry
 * with the same key and body gets that response again with `Idempotent-Replayed: true`; the same key
 * with another body or route is a 422; a retry while the first is still running is a 409. A request
 * that fails is not kept, so it can be retried. Without the header a request runs as before.
 *
 * It wraps the handler, inside every middleware: a replay is dressed (CORS, ETag, compression) like the
 * original, and the security middleware has already named the caller.
 */
export function idempotentHandler(fn: HttpFunction, handler: Handler): Handler {
  const route = fn.route === '$default' ? '$default' : `${fn.route.method} ${fn.route.path}`;
  return async (event, context) => {
    const header = event.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined) return handler(event, context);
    const key = validate(idempotencyKeySchema, header, 'Idempotency-Key header');
    const request: IdempotentRequest = {
      caller: requirePrincipal(context).username,
      key,
      request: {
        route,
        bodySha256: createHash('sha256')
          .update(event.body ?? '')
          .digest('hex'),
      },
    };
    const secret = sealingKey(request);
    // Powertools finds the record by this function's argument: the request, whose key also seals the response.
    const serve = async (idempotent: IdempotentRequest) => seal(await handler(event, context), sealingKey(idempotent));
    const run = makeIdempotent(serve, {
      persistenceStore: idempotencyStore(),
      keyPrefix: 'yggdrasil',
      config: new IdempotencyConfig({
        eventKeyJmesPath: '[caller, key]',
        payloadValidationJmesPath: 'request',
        throwOnNoIdempotencyKey: true,
        expiresAfterSeconds: config().idempotencyTtlSeconds,
        hashFunction: 'sha256',
        lambdaContext: context,
        responseHook: (response) => ({ ...(response as SealedResponse), replayed: true }),
      }),
    });
    let outcome: SealedResponse;
    try {
      outcome = await run(request);
    } catch (error) {
      throw asHttpError(error);
    }
    const response = open(outcome, secret);
    if (outcome.replayed !== true) return response;
    markReplayed(context);
    return { ...response, headers: { ...response.headers, [REPLAYED_HEADER]: 'true' } };
  };
}

function asHttpError(error: unknown): unknown {
  if (error instanceof HttpError) return error;
  if (error instanceof IdempotencyValidationError) return new IdempotencyKeyReusedError();
  if (error instanceof IdempotencyAlreadyInProgressError || error instanceof IdempotencyInconsistentStateError) {
    return new IdempotencyInProgressError();
  }
  if (error instanceof Error && error.name.startsWith('Idempotency')) {
    return new DependencyError('idempotency', error.message, { cause: error });
  }
  return error;
}

/**
 * The key a response is sealed with (AES-256-GCM): derived from the caller and their Idempotency-Key, which
 * the table never holds (records are found by a SHA-256 of them), so a reader of the table alone cannot
 * open a stored response. As strong as the client's key: use random keys (UUIDs).
 */
function sealingKey(request: IdempotentRequest): Buffer {
  return createHash('sha256').update(`yggdrasil/idempotency/v1\n${request.caller}\n${request.key}`).digest();
}

function seal(response: HttpResult, key: Buffer): SealedResponse {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(response), 'utf8'), cipher.final()]);
  return { sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
}

function open(stored: SealedResponse, key: Buffer): HttpResult {
  const bytes = Buffer.from(stored.sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  const json = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  // Sealed by `seal` from a handler's result; the authentication tag proves it unchanged.
  return JSON.parse(json) as HttpResult;
}
