import { createHash } from 'node:crypto';
import { createServer, type Http2ServerRequest } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** What InvokeModel sent: the path, its content type, whether it was SigV4-signed, and Titan v2's body. */
export interface BedrockRequest {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly signed: boolean;
  readonly body: { inputText: string; dimensions: number; normalize: boolean };
}

export interface BedrockReply {
  readonly status: number;
  readonly body: unknown;
  /** Sent as `x-amzn-ErrorType`, as Bedrock names its errors. */
  readonly errorType?: string;
}

export interface BedrockServer {
  readonly url: string;
  /** Every request so far, in arrival order; empty it with `received.length = 0`. */
  readonly received: BedrockRequest[];
  /** How each request is answered; replace it to answer otherwise. @default titanEmbedding */
  answer: (body: BedrockRequest['body']) => BedrockReply;
  stop(): Promise<void>;
}

/**
 * A local server answering InvokeModel as Bedrock documents it for Titan Text Embeddings v2: POST
 * /model/{modelId}/invoke with `{"inputText","dimensions","normalize"}`, answering
 * `{"embedding":[…],"inputTextTokenCount"}`, and errors as `{"message"}` with the `x-amzn-ErrorType` header.
 * HTTP/2 (cleartext), as the SDK client speaks it. `latencyMs` holds each answer back that long, as the
 * network and the model do in the cloud.
 *
 * @example
 * const bedrock = await startBedrockServer({ latencyMs: 50 });
 * process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = bedrock.url;
 */
export async function startBedrockServer(options: { latencyMs?: number } = {}): Promise<BedrockServer> {
  const latencyMs = options.latencyMs ?? 0;
  const received: BedrockRequest[] = [];
  const replies = { answer: titanEmbedding };
  const server = createServer((request, response) => {
    void read(request).then(async (text) => {
      const body = JSON.parse(text) as BedrockRequest['body'];
      received.push({
        path: request.url,
        contentType: request.headers['content-type'],
        signed: String(request.headers.authorization).startsWith('AWS4-HMAC-SHA256'),
        body,
      });
      const reply = replies.answer(body);
      if (latencyMs > 0) await sleep(latencyMs);
      response.writeHead(reply.status, {
        'content-type': 'application/json',
        ...(reply.errorType !== undefined && { 'x-amzn-errortype': reply.errorType }),
      });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    get answer() {
      return replies.answer;
    },
    set answer(answer) {
      replies.answer = answer;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A unit vector of the asked dimensions that depends on the text only (seeded by its SHA-256), so equal texts
 * get equal vectors and different ones nearly orthogonal ones, as a real model's would pass the quality check.
 */
export function titanEmbedding(body: BedrockRequest['body']): BedrockReply {
  const seed = createHash('sha256').update(body.inputText).digest();
  let state = seed.readUInt32LE(0) || 1;
  const values = Array.from({ length: body.dimensions }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0xffffffff - 0.5;
  });
  const norm = Math.hypot(...values) || 1;
  return {
    status: 200,
    body: {
      embedding: values.map((value) => value / norm),
      inputTextTokenCount: body.inputText.split(/\s+/).filter(Boolean).length,
    },
  };
}

async function read(request: Http2ServerRequest): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
