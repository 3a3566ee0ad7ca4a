import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BedrockEmbedder } from '#shared/adapters/bedrock/embedder';
import { EMBEDDING_MODELS } from '#shared/domain/embedding-models';
import { DependencyError } from '#shared/errors';
import { startBedrockServer, type BedrockServer } from '../../../support/bedrock-server.ts';

const MODEL_ID = 'amazon.titan-embed-text-v2:0';

let server: BedrockServer;

beforeAll(async () => {
  server = await startBedrockServer();
});

afterAll(async () => {
  await server.stop();
});

beforeEach(() => {
  server.received.length = 0;
  server.answer = (body) => ({
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
    endpoint: server.url,
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
    expect(server.received).toEqual([
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
    server.answer = () => ({ status: 429, body: { message: 'Too many requests' }, errorType: 'ThrottlingException' });

    // Act
    const embedding = embedder().embed(['x']);

    // Assess
    await expect(embedding).rejects.toSatisfy(
      (error) => error instanceof DependencyError && error.transient && error.message.includes('429'),
    );
  });

  it('turns a refused request into a permanent dependency error', async () => {
    // Prepare
    server.answer = () => ({
      status: 400,
      body: { message: 'Malformed input request' },
      errorType: 'ValidationException',
    });

    // Act
    const embedding = embedder().embed(['x']);

    // Assess
    await expect(embedding).rejects.toSatisfy((error) => error instanceof DependencyError && !error.transient);
  });

  it('refuses an answer whose embedding has the wrong length', async () => {
    // Prepare
    server.answer = () => ({ status: 200, body: { embedding: [0.1, 0.2], inputTextTokenCount: 1 } });

    // Act
    const embedding = embedder().embed(['x']);

    // Assess
    await expect(embedding).rejects.toThrow(/1024-number embedding/);
  });
});
