import type { ErrorStatus } from './operation.ts';
import type { ResponseObject } from './types.ts';

const PROBLEM_CONTENT = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
const RETRY_AFTER = {
  'retry-after': { description: 'Seconds to wait before trying again', schema: { type: 'string' } },
};

const ERRORS: Readonly<Record<ErrorStatus, { readonly name: string; readonly response: ResponseObject }>> = {
  400: {
    name: 'BadRequest',
    response: problem('The request is malformed, or fields are invalid: `errors` names each'),
  },
  401: {
    name: 'Unauthorized',
    response: problem('No valid bearer token or API key', {
      'www-authenticate': { description: 'How to authenticate (RFC 6750)', schema: { type: 'string' } },
    }),
  },
  403: { name: 'Forbidden', response: problem("The caller's role may not do this") },
  404: { name: 'NotFound', response: problem('No such resource') },
  405: {
    name: 'MethodNotAllowed',
    response: problem('The path exists, the method does not', {
      allow: { description: 'The methods the path allows', schema: { type: 'string' } },
    }),
  },
  409: {
    name: 'Conflict',
    response: problem(
      'The request conflicts with the state of the resource, or a request with its `Idempotency-Key` is still running',
      RETRY_AFTER,
    ),
  },
  412: { name: 'PreconditionFailed', response: problem('`If-Match` names a version that is no longer current') },
  413: { name: 'PayloadTooLarge', response: problem('The body is over the size limit') },
  415: { name: 'UnsupportedMediaType', response: problem('The body is not of the media type the route takes') },
  422: {
    name: 'UnprocessableContent',
    response: problem('The `Idempotency-Key` was used before with another body or route'),
  },
  428: { name: 'PreconditionRequired', response: problem('The route needs `If-Match`') },
  429: { name: 'TooManyRequests', response: problem('Over the rate limit', RETRY_AFTER) },
  431: {
    name: 'RequestHeaderFieldsTooLarge',
    response: problem('The request line and headers together are over the size limit'),
  },
  500: { name: 'InternalError', response: problem('Unexpected failure: quote the `requestId` when reporting it') },
  503: { name: 'ServiceUnavailable', response: problem('A dependency is unavailable', RETRY_AFTER) },
};

/** `components.responses`: one entry per error status, each a problem document. */
export function errorResponseComponents(): Record<string, ResponseObject> {
  return Object.fromEntries(Object.values(ERRORS).map(({ name, response }) => [name, response]));
}

export function errorResponseRef(status: ErrorStatus): { readonly $ref: string } {
  return { $ref: `#/components/responses/${ERRORS[status].name}` };
}

export function errorResponseComponent(status: ErrorStatus): ResponseObject {
  return ERRORS[status].response;
}

function problem(description: string, headers?: ResponseObject['headers']): ResponseObject {
  return { description, ...(headers && { headers }), content: PROBLEM_CONTENT };
}
