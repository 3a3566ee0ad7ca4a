import httpContentEncoding from '@middy/http-content-encoding';
import httpContentNegotiation from '@middy/http-content-negotiation';
import type { HttpMiddleware } from '../types.ts';

/** Bodies smaller than this are sent as they are: compressing them costs more than it saves. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * gzip or br, as the client prefers, for bodies over the threshold. The middy middlewares negotiate and
 * encode; the threshold is the one thing they lack.
 */
export function compressionMiddlewares(): HttpMiddleware[] {
  const negotiation = httpContentNegotiation({
    parseCharsets: false,
    parseLanguages: false,
    parseMediaTypes: false,
    availableEncodings: ['br', 'gzip'],
    failOnMismatch: false,
  }) as HttpMiddleware;
  // br compresses JSON better than gzip: use it whenever the client accepts both.
  const encoding = httpContentEncoding({
    br: {},
    gzip: {},
    overridePreferredEncoding: ['br', 'gzip'],
  }) as HttpMiddleware;
  const compressionThresholdAfter: HttpMiddleware['after'] = (request) => {
    const body = request.response?.body;
    const context = request.context as { preferredEncoding?: string };
    if (typeof body !== 'string' || Buffer.byteLength(body) < COMPRESSION_THRESHOLD_BYTES) {
      delete context.preferredEncoding;
    }
  };
  // After-hooks run in reverse order of use: the threshold decides before the encoder runs.
  return [negotiation, encoding, { after: compressionThresholdAfter, onError: compressionThresholdAfter }];
}
