import { isUtf8 } from 'node:buffer';
import type { OutgoingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from './lambda-context.ts';

/** API Gateway refuses larger request bodies before any function runs. */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;

/** The part of a Node `IncomingMessage` an event is made from. */
export interface RequestHead {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  /** Names and values alternating, as received: the only form that keeps repeated headers apart. */
  readonly rawHeaders: readonly string[];
  readonly httpVersion: string;
  readonly socket: { readonly remoteAddress?: string | undefined; readonly localPort?: number | undefined };
}

/** Which route API Gateway would have picked: `GET /tasks/{taskId}` with its parameters, or `$default`. */
export interface RouteSelection {
  readonly routeKey: string;
  readonly pathParameters?: Readonly<Record<string, string>>;
}

export interface RequestIdentity {
  readonly requestId: string;
  readonly receivedAt: Date;
}

/** What is written back to the client. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
}

const API_ID = 'local';
const TEXT_MEDIA_TYPES = new Set([
  'application/json',
  'application/x-www-form-urlencoded',
  'application/xml',
  'application/javascript',
]);

/** Bodies of these types reach the function as text when they are UTF-8; any other body arrives base64-encoded. */
export function isTextContentType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!mediaType) return false;
  return (
    mediaType.startsWith('text/') ||
    TEXT_MEDIA_TYPES.has(mediaType) ||
    mediaType.endsWith('+json') ||
    mediaType.endsWith('+xml')
  );
}

/**
 * The API Gateway HTTP API payload 2.0 event for a request: header names lowercased and repeats joined
 * with commas, cookies moved out of the headers into `cookies`, repeated query keys joined with commas.
 *
 * @example
 * const event = toHttpEvent(request, body, { routeKey: 'GET /health' }, { requestId: randomUUID(), receivedAt: new Date() });
 */
export function toHttpEvent(
  request: RequestHead,
  body: Buffer,
  route: RouteSelection,
  identity: RequestIdentity,
): APIGatewayProxyEventV2 {
  const method = (request.method ?? 'GET').toUpperCase();
  const target = request.url ?? '/';
  const queryStart = target.indexOf('?');
  const rawPath = queryStart === -1 ? target : target.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : target.slice(queryStart + 1);
  const sourceIp = clientAddress(request.socket.remoteAddress);
  const { headers, cookies } = gatewayHeaders(request, sourceIp);
  const domainName = (headers.host ?? 'localhost').replace(/:\d+$/, '');
  const queryStringParameters = queryParameters(rawQueryString);
  // Bytes that are not UTF-8 are never decoded here (that would turn them into U+FFFD): the function gets them
  // exactly, base64-encoded, and its strict decoder answers 400.
  const text = isTextContentType(headers['content-type']) && isUtf8(body);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(queryStringParameters && { queryStringParameters }),
    ...(route.pathParameters &&
      Object.keys(route.pathParameters).length > 0 && { pathParameters: { ...route.pathParameters } }),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: API_ID,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: identity.requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: requestTime(identity.receivedAt),
      timeEpoch: identity.receivedAt.getTime(),
    },
    ...(body.length > 0 && { body: text ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: body.length > 0 && !text,
  };
}

/**
 * The HTTP response API Gateway makes of a function's result: a structured result as it says, anything
 * else as a 200 JSON body. Throws for a result API Gateway would reject (it answers 500 then).
 */
export function toHttpResponse(result: unknown): HttpResponse {
  if (!isStructuredResult(result)) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(result ?? null), 'utf8'),
    };
  }
  const { statusCode, cookies = [], body = '', isBase64Encoded = false } = result;
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new TypeError(`The function returned an invalid statusCode: ${String(statusCode)}`);
  }
  const headers: OutgoingHttpHeaders = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
  // Each cookie becomes its own Set-Cookie header, after one the headers may already name.
  const setCookies = [...(headers['set-cookie'] === undefined ? [] : [String(headers['set-cookie'])]), ...cookies];
  delete headers['set-cookie'];
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
  return { statusCode, headers, body: Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8') };
}

function isStructuredResult(result: unknown): result is APIGatewayProxyStructuredResultV2 & { statusCode: number } {
  return typeof result === 'object' && result !== null && 'statusCode' in result;
}

function gatewayHeaders(
  request: RequestHead,
  sourceIp: string,
): { headers: Record<string, string>; cookies: string[] } {
  const values = new Map<string, string[]>();
  const cookies: string[] = [];
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    const name = (request.rawHeaders[index] ?? '').toLowerCase();
    const value = request.rawHeaders[index + 1] ?? '';
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((cookie) => cookie.trim())
          .filter(Boolean),
      );
      continue;
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  // API Gateway appends the caller to X-Forwarded-For and says how it was reached.
  values.set('x-forwarded-for', [...(values.get('x-forwarded-for') ?? []), sourceIp]);
  values.set('x-forwarded-proto', ['http']);
  if (request.socket.localPort !== undefined) values.set('x-forwarded-port', [String(request.socket.localPort)]);
  const headers = Object.fromEntries([...values].map(([name, list]) => [name, list.join(',')]));
  return { headers, cookies };
}

/** `a=1&a=2&b` → `{ a: '1,2', b: '' }`; undefined for no query, as API Gateway sends it. */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  const parameters = new Map<string, string>();
  for (const pair of rawQueryString.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const key = decodeComponent(separator === -1 ? pair : pair.slice(0, separator));
    const value = separator === -1 ? '' : decodeComponent(pair.slice(separator + 1));
    const earlier = parameters.get(key);
    parameters.set(key, earlier === undefined ? value : `${earlier},${value}`);
  }
  // fromEntries, not assignment: a key such as `__proto__` stays a plain key.
  return parameters.size > 0 ? Object.fromEntries(parameters) : undefined;
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // malformed %-escapes are passed on as sent
  }
}

function clientAddress(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, API Gateway's `requestContext.time`. */
function requestTime(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const month = MONTHS[date.getUTCMonth()] ?? 'Jan';
  return (
    `${pad(date.getUTCDate())}/${month}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}
