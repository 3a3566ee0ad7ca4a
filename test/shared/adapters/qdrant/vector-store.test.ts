import { randomUUID } from 'node:crypto';
import { QdrantClient } from '@qdrant/js-client-rest';
import { afterAll, expect, inject } from 'vitest';
import { QdrantVectorStore } from '#shared/adapters/qdrant/vector-store';
import { describeVectorStoreContract } from '../../../contracts/vector-store.contract.ts';

/** The Qdrant facade of the global setup: Qdrant's engine, checked against Qdrant's OpenAPI on every exchange. */
function facadeUrl(): string {
  const url = inject('services').QDRANT_TEST_URL;
  if (url === undefined)
    throw new Error('No Qdrant test server: run with the global setup (not YGG_TEST_SERVICES=off)');
  return url;
}

const client = new QdrantClient({ url: facadeUrl(), checkCompatibility: false });

for (const quantization of ['none', 'int8'] as const) {
  describeVectorStoreContract(`qdrant (quantization ${quantization})`, () =>
    Promise.resolve({
      // Each test gets collections of its own.
      store: new QdrantVectorStore({
        client: () => Promise.resolve(client),
        quantization,
        namespace: `t${randomUUID().slice(0, 8)}_`,
      }),
    }),
  );
}

afterAll(async () => {
  // Every request the adapter sent and every answer it got matched Qdrant's OpenAPI document.
  const violations = (await (await fetch(`${facadeUrl()}/__facade/violations`)).json()) as unknown[];
  expect(violations).toEqual([]);
});
