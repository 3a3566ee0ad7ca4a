/**
 * `npm run bench:vectors`: the vector pipeline alone. Embeddings per second at batch 1 and 32 (ONNX, one
 * thread); search p50/p95 on the embedded store at 10k and 100k random unit vectors × 384 (and hybrid at
 * 100k, with keyword vectors of random skewed-vocabulary text) and on the Qdrant test server (Qdrant's engine behind the test facade) at 10k; and the processing function's cold start
 * (model load included) and peak RSS in a fresh process. Prints a Markdown table; BENCH_VECTOR_QUERIES sets
 * the queries per store (default 100).
 */
import './quiet-metrics.ts';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { QdrantClient } from '@qdrant/js-client-rest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedVectorStore } from '#shared/adapters/embedded/vector-store';
import { onnxModelFiles } from '#shared/adapters/onnx/model-files';
import { OnnxEmbedder } from '#shared/adapters/onnx/onnx-embedder';
import { QdrantVectorStore } from '#shared/adapters/qdrant/vector-store';
import { config } from '#shared/config';
import { chunkPointId } from '#shared/domain/document-chunks';
import { EMBEDDING_MODELS, embeddingModel } from '#shared/domain/embedding-models';
import { documentKeywords, queryKeywords } from '#shared/domain/keyword-terms';
import type { VectorPoint, VectorStore } from '#shared/ports/vector-store';
import { startQdrantFacade } from '../test/services/servers.ts';
import { median, percentile } from './stats.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
const QUERIES = Number(process.env.BENCH_VECTOR_QUERIES ?? 100);
const model = EMBEDDING_MODELS.allMiniLmL6V2;
const rows: string[] = [];
const row = (what: string, value: string, target = ''): void => {
  rows.push(`| ${what} | ${value} | ${target} |`);
  process.stderr.write(`[vectors] ${what}: ${value}\n`);
};

/** Seeded random unit vectors, so every run searches the same data. */
function randomUnitVectors(count: number, seed: number): Float32Array[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: model.dimensions }, next);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

async function embeddingsPerSecond(batch: number): Promise<number> {
  // The ONNX model the runtime runs (ONNX_EMBEDDING_MODEL), so the rate is the one ingest gets.
  const { modelDir, onnxModel } = config().embedding;
  const embedder = new OnnxEmbedder({ model: embeddingModel(onnxModel), files: onnxModelFiles(modelDir, onnxModel) });
  const text = 'The roots of the world tree reach three wells, and its branches hold the nine worlds of the sagas.';
  await embedder.embed([text]);
  const rates: number[] = [];
  for (let round = 0; round < 5; round++) {
    const texts = Array.from({ length: batch }, (_, i) => `${i} ${text}`);
    const started = performance.now();
    for (let i = 0; i < Math.max(1, Math.ceil(32 / batch)); i++) await embedder.embed(texts);
    rates.push((Math.max(1, Math.ceil(32 / batch)) * batch * 1000) / (performance.now() - started));
  }
  return median(rates);
}

/**
 * Seeded texts of a skewed vocabulary (word n drawn with probability ∝ 1/n², the commonest in most texts),
 * so keyword postings are as long as real text makes them.
 */
function randomTexts(count: number, words: number, seed: number): string[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: words }, () => `w${Math.floor(1 / (next() + 1e-4))}`).join(' '),
  );
}

async function searchLatency(store: VectorStore, count: number, hybrid = false): Promise<{ p50: number; p95: number }> {
  const vectors = randomUnitVectors(count, 42);
  const texts = hybrid ? randomTexts(count, 150, 42) : [];
  for (let start = 0; start < count; start += 2_000) {
    const points: VectorPoint[] = vectors.slice(start, start + 2_000).map((vector, i) => ({
      id: chunkPointId(`doc-${start + i}`, 0),
      vector,
      ...(hybrid && { keywords: documentKeywords(texts[start + i] ?? '') }),
      payload: {
        documentId: `doc-${start + i}`,
        chunk: 0,
        title: 't',
        domain: 'science',
        language: 'en',
        model: model.name,
        excerpt: '',
      },
    }));
    await store.upsert('science', model, points);
  }
  const queries = randomUnitVectors(QUERIES + 5, 7);
  const queryTexts = randomTexts(QUERIES + 5, 4, 7);
  const times: number[] = [];
  for (const [i, vector] of queries.entries()) {
    const keywords = hybrid ? queryKeywords(queryTexts[i] ?? '') : undefined;
    const started = performance.now();
    await store.search({ domain: 'science', model, vector, limit: 10, threshold: 0, ...(keywords && { keywords }) });
    if (i >= 5) times.push(performance.now() - started); // the first queries load the matrix / warm up
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

row(`embeddings/s, batch 1 (${config().embedding.onnxModel})`, (await embeddingsPerSecond(1)).toFixed(1));
row(`embeddings/s, batch 32 (${config().embedding.onnxModel})`, (await embeddingsPerSecond(32)).toFixed(1));

for (const count of [10_000, 100_000]) {
  const store = new EmbeddedVectorStore({ database: openEmbeddedDatabase({ dataDir: '', inMemory: true }) });
  const latency = await searchLatency(store, count);
  row(
    `search, embedded store, ${count / 1000}k × 384`,
    `p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}`,
    count === 100_000 ? `p95 ≤ 20 ms: ${latency.p95 <= 20 ? 'PASS' : 'FAIL'}` : '',
  );
}

{
  const store = new EmbeddedVectorStore({ database: openEmbeddedDatabase({ dataDir: '', inMemory: true }) });
  const latency = await searchLatency(store, 100_000, true);
  row(
    'search, embedded store, 100k × 384, hybrid (150-word chunks, 4-word queries)',
    `p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}`,
  );
}

const qdrant = await startQdrantFacade();
try {
  const client = new QdrantClient({ url: qdrant.url, checkCompatibility: false });
  const latency = await searchLatency(new QdrantVectorStore({ client: () => Promise.resolve(client) }), 10_000);
  row('search, Qdrant test server (qdrant-edge), 10k × 384', `p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}`);
} finally {
  await qdrant.stop();
}

const child = spawnSync(
  process.execPath,
  ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'bench/children/process-documents-rss.ts'],
  {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, YGG_IN_MEMORY: 'true', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
);
if (child.status !== 0) throw new Error(`the processing child failed: ${child.stderr}`);
const cold = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as {
  importMs: number;
  firstBatchMs: number;
  peakRssMb: number;
  failures: number;
};
row(
  'process-documents: import, then first batch (5 × 10 KB, model load included)',
  `${ms(cold.importMs)}, ${ms(cold.firstBatchMs)}`,
);
row(
  'process-documents: peak RSS',
  `${cold.peakRssMb.toFixed(0)} MB`,
  `≤ 1024 MB: ${cold.peakRssMb <= 1024 ? 'PASS' : 'FAIL'}`,
);

process.stdout.write(['| measure | result | target |', '| --- | --- | --- |', ...rows].join('\n') + '\n');
