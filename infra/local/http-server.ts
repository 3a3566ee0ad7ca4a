import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { HttpFunction } from '#functions/manifest';
import { HttpError, NotFoundError, PayloadTooLargeError } from '#shared/errors';
import { problemResponse, toHttpError } from '#shared/http/problem';
import { findRoute, routeKeyOf } from '#shared/http/routes';
import type { HandlerLoader } from './handler-modules.ts';
import { MAX_REQUEST_BODY_BYTES, toHttpEvent, toHttpResponse, type HttpResponse } from './http-events.ts';
import { invoke, type InvocationOutcome } from './invocation.ts';
import { lambdaContext } from './lambda-context.ts';
import { PendingWork } from './pending-work.ts';
import { runtimeLogger } from './runtime-logger.ts';

export interface LocalHttpServerOptions {
  /** The HTTP functions to serve: routed ones by their route, the `$default` one for everything else. */
  readonly functions: readonly HttpFunction[];
  readonly loadHandler: HandlerLoader;
}

export interface LocalHttpServer {
  /** Starts listening; resolves with the base URL (port 0 picks a free port). */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting requests and resolves once every request and invocation, timed-out ones too, settled. */
  stop(): Promise<void>;
  /** Drops every connection still open, for when waiting longer is not an option. */
  closeConnections(): void;
}

/**
 * API Gateway on localhost: each request becomes a payload 2.0 event for the function whose route it
 * matches, under that function's timeout, and the function's result becomes the response.
 */
export function createLocalHttpServer(options: LocalHttpServerOptions): LocalHttpServer {
  const pending = new PendingWork();
  const answer = answerer(options, (work) => pending.track(work));
  const server = createServer((request, response) => {
    pending.track(
      answer(request, response).catch((error: unknown) => {
        if (request.socket.destroyed) {
          runtimeLogger.debug('client went away before its answer', { error: error as Error });
          return;
        }
        runtimeLogger.error('local gateway failed to answer', { error: error as Error });
        if (!response.headersSent) writeResponse(response, internalError(request.url ?? '/', randomUUID()), '');
        else response.destroy();
      }),
    );
  });

  server.on('clientError', answerClientError);

  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const { port: bound } = server.address() as AddressInfo;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${bound}`);
        });
      }),
    stop: async () => {
      server.close();
      server.closeIdleConnections();
      await pending.settled();
    },
    closeConnections: () => server.closeAllConnections(),
  };
}

function answerer(options: LocalHttpServerOptions, track: (work: Promise<unknown>) => void) {
  const routed = options.functions.filter((fn) => fn.route !== '$default');
  const fallback = options.functions.find((fn) => fn.route === '$default');

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const receivedAt = new Date();
    const method = (request.method ?? 'GET').toUpperCase();
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const body = await readBody(request, MAX_REQUEST_BODY_BYTES);
    if ('tooLarge' in body) {
      const error = new PayloadTooLargeError(MAX_REQUEST_BODY_BYTES, body.tooLarge);
      return writeResponse(response, toHttpResponse(problemResponse(error, path, requestId)), requestId);
    }
    const match = findRoute(method, path, routed);
    const fn = match?.fn ?? fallback;
    if (!fn) {
      const error = toHttpError(new NotFoundError(`No route for ${method} ${path}`));
      return writeResponse(response, toHttpResponse(problemResponse(error, path, requestId)), requestId);
    }
    const event = toHttpEvent(
      request,
      body.bytes,
      { routeKey: routeKeyOf(fn), ...(match && { pathParameters: match.pathParameters }) },
      { requestId, receivedAt },
    );
    // Loading the module is the cold start, which Lambda does not count against the function's timeout.
    const handler = await options.loadHandler(fn);
    const context = lambdaContext(fn, requestId, Date.now() + fn.timeoutSeconds * 1000);
    const invocation = invoke(handler, event, context);
    track(invocation.settled);
    const outcome = await invocation.outcome;
    writeResponse(response, gatewayResponse(outcome, fn, path, requestId), requestId);
  };
}

/** The response API Gateway sends for an invocation's outcome. */
function gatewayResponse(outcome: InvocationOutcome, fn: HttpFunction, path: string, requestId: string): HttpResponse {
  switch (outcome.kind) {
    case 'returned':
      try {
        return toHttpResponse(outcome.value);
      } catch (error) {
        runtimeLogger.error('function returned a result API Gateway cannot send', {
          function: fn.name,
          requestId,
          error: error as Error,
        });
        return internalError(path, requestId);
      }
    case 'threw':
      runtimeLogger.error('function threw instead of answering', {
        function: fn.name,
        requestId,
        error: outcome.error as Error,
      });
      return internalError(path, requestId);
    case 'timed-out': {
      runtimeLogger.warn('function timed out', { function: fn.name, requestId, timeoutSeconds: fn.timeoutSeconds });
      const error = new HttpError(
        504,
        'gateway-timeout',
        'Gateway timeout',
        `${fn.name} did not answer within ${fn.timeoutSeconds} s`,
      );
      return toHttpResponse(problemResponse(error, path, requestId));
    }
  }
}

/**
 * A request Node's parser refused before any route could see it, answered as a problem document rather than
 * Node's bare status line: a request head over the limit is a 431, anything else unparsable a 400.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const requestId = randomUUID();
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new HttpError(
          431,
          'request-header-fields-too-large',
          'Request header fields too large',
          'The request line and headers together are over the size limit',
        )
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT'
        ? new HttpError(408, 'request-timeout', 'Request timeout', 'The request did not arrive in time')
        : new HttpError(400, 'malformed-request', 'Malformed request', 'The request is not valid HTTP/1.1');
  const response = toHttpResponse(problemResponse(problem, '/', requestId));
  const head = [
    `HTTP/1.1 ${response.statusCode} ${STATUS_CODES[response.statusCode] ?? ''}`,
    ...Object.entries(response.headers).map(([name, value]) => `${name}: ${String(value)}`),
    `apigw-requestid: ${requestId}`,
    `content-length: ${response.body.length}`,
    'connection: close',
  ];
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), response.body]));
}

function internalError(path: string, requestId: string): HttpResponse {
  return toHttpResponse(problemResponse(toHttpError(new Error('invocation failed')), path, requestId));
}

function writeResponse(response: ServerResponse, result: HttpResponse, requestId: string): void {
  response.writeHead(result.statusCode, { ...result.headers, 'apigw-requestid': requestId });
  response.end(result.body);
}

/** The whole body, or its size once it passes `limit` (the rest is read and dropped so the client hears the 413). */
async function readBody(request: IncomingMessage, limit: number): Promise<{ bytes: Buffer } | { tooLarge: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    else chunks.length = 0;
  }
  return size > limit ? { tooLarge: size } : { bytes: Buffer.concat(chunks, size) };
}
