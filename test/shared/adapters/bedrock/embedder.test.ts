import { createServer, type Http2Server, type Http2ServerRequest } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BedrockEmbedder } from '#shared/adapters/bedrock/embedder';
import { EMBEDDING_MODELS } from '#shared/domain/embedding-models';
import { DependencyError } from '#shared/errors';

const MODEL_ID = 'amazon.titan-embed-text-v2:0';

interface Received {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly signed: boolean;
  readonly body: { inputText: string; dimensions: number; normalize: boolean };
}

/**
 * Answers InvokeModel as Bedrock documents it for Titan Text Embeddings v2: POST /model/{modelId}/invoke
 * with `{"inputText","dimensions","normalize"}`, answering `{"embedding":[…],"inputTextTokenCount"}`, and
 * errors as `{"message"}` with the `x-amzn-ErrorType` header. HTTP/2 (cleartext), as the client speaks it.
 */
let server: Http2Server;
let url: string;
let received: Received[];
let answer: (body: Received['body']) => { status: number; body: unknown; errorType?: string };

async function read(request: Http2ServerRequest): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void read(request).then((text) => {
      const body = JSON.parse(text) as Received['body'];
      received.push({
        path: request.url,
        contentType: request.headers['content-type'],
        signed: String(request.headers.authorization).startsWith('AWS4-HMAC-SHA256'),
        body,
      });
      const reply = answer(body);
      response.writeHead(reply.status, {
        'content-type': 'application/json',
        ...(reply.errorType !== undefined && { 'x-amzn-errortype': reply.errorType }),
      });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  answer = (body) => ({
    status: 200,
    body: {
      embedding: Array.from({ length: body.dimensions }, (_, i) =>
        i === body.inputText.length % body.dimensions ? 1 : 0,
      ),
      inputTextTokenCount: body.inputText.split(' ').length,
    },
  });
});

function embedder(): BedrockEmbedder {
  const client = new BedrockRuntimeClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return new BedrockEmbedder({ model: EMBEDDING_MODELS.titanTextV2, modelId: MODEL_ID, client });
}

describe('BedrockEmbedder', () => {
  it('sends each text to InvokeModel in Titan v2’s documented request shape, signed', async () => {
    // Act
    await embedder().embed(['Euclid wrote the Elements.']);

    // Assess
    expect(received).toEqual([
      {
        path: `/model/${encodeURIComponent(MODEL_ID)}/invoke`,
        contentType: 'application/json',
        signed: true,
        body: { inputText: 'Euclid wrote the Elements.', dimensions: 1024, normalize: true },
      },
    ]);
  });

  it('returns one vector per text, in order, from the embedding field', async () => {
    // Act
    const vectors = await embedder().embed(['a', 'bb', 'ccc', 'dddd', 'eeeee']);

    // Assess
    expect(vectors.map((vector) => vector.indexOf(1))).toEqual([1, 2, 3, 4, 5]);
    expect(vectors.every((vector) => vector.length === 1024)).toBe(true);
  });

  it('turns throttling into a transient dependency error, worth retrying', async () => {
    // Prepare
    answer = () => ({ status: 429, body: { message: 'Too many requests' }, errorType: 'ThrottlingException' });

    // Act
    const embedding = embedder().embed(['x']);

    // Assess
    await expect(embedding).rejects.toSatisfy(
      (error) => error instanceof DependencyError && error.transient && error.message.includes('429'),
    );
  });

  it('turns a refused request into a permanent dependency error', async () => {
    // Prepare
    answer = () => ({ status: 400, body: { message: 'Malformed input request' }, errorType: 'ValidationException' });

    // Act
    const embedding = embedder().embed(['x']);

    // Assess
    await expect(embedding).rejects.toSatisfy((error) => error instanceof DependencyError && !error.transient);
  });

  it('refuses an answer whose embedding has the wrong length', async () => {
    // Prepare
    answer = () => ({ status: 200, body: { embedding: [0.1, 0.2], inputTextTokenCount: 1 } });

    // Act
    const embedding = embedder().embed(['x']);

    // Assess
    await expect(embedding).rejects.toThrow(/1024-number embedding/);
  });
});
