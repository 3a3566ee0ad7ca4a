import { MalformedBodyError, PayloadTooLargeError, UnsupportedMediaTypeError } from '#shared/errors';
import type { HttpEvent } from './types.ts';

/** The raw body as bytes, decoded from base64 when API Gateway encoded it. */
export function rawBody(event: HttpEvent): Buffer {
  if (event.body === undefined) return Buffer.alloc(0);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/**
 * Reads a JSON body: checks the media type, the size limit before parsing, then the syntax.
 * Schema validation is the caller's next step.
 */
export function readJsonBody(event: HttpEvent, maxBytes: number): unknown {
  const contentType = event.headers['content-type'];
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json' && !mediaType?.endsWith('+json')) {
    throw new UnsupportedMediaTypeError('application/json', contentType);
  }
  const bytes = rawBody(event);
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(maxBytes, bytes.length);
  if (bytes.length === 0) throw new MalformedBodyError('The body is empty; a JSON document is required');
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch (error) {
    // Never echo the parser's message: it quotes the body, which may hold a password.
    const position = error instanceof SyntaxError ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    if (!(error instanceof SyntaxError)) throw new MalformedBodyError('The body is not valid UTF-8');
    throw new MalformedBodyError(`The body is not valid JSON${position === undefined ? '' : ` (at byte ${position})`}`);
  }
}
