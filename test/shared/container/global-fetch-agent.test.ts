import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LAMBDA_ESBUILD_OPTIONS } from '#infra/aws/bundling';
import { chunkPointId } from '#shared/domain/document-chunks';
import { Agent } from '#shared/container/global-fetch-agent';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');

describe('Agent (the undici stand-in of the Lambda bundles)', () => {
  let server: Server;
  let url: string;
  const connections: unknown[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume().on('end', () => response.end(`${request.method ?? ''} ${request.url ?? ''}`));
    }).on('connection', (socket) => connections.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("sends fetch's requests through Node's own dispatcher, keeping the connection alive", async () => {
    // Prepare
    const dispatcher = new Agent();

    // Act
    const answers: string[] = [];
    for (const route of ['/a', '/b', '/c']) {
      const response = await fetch(`${url}${route}`, { method: 'POST', body: '{}', dispatcher } as RequestInit);
      answers.push(await response.text());
    }

    // Assess
    expect(answers).toEqual(['POST /a', 'POST /b', 'POST /c']);
    expect(connections.length).toBeLessThan(answers.length);
  });
});

describe('the Qdrant adapter bundled with the Lambda options', () => {
  let outDir: string;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'qdrant-bundle-'));
  });

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('stores and finds a point in the real Qdrant without undici in the bundle', async () => {
    // Prepare
    const qdrantUrl = inject('services').QDRANT_TEST_URL;
    if (qdrantUrl === undefined) throw new Error('No Qdrant test server: run with the global setup');
    const outfile = path.join(outDir, 'round-trip.cjs');
    const { metafile } = await build({
      ...LAMBDA_ESBUILD_OPTIONS,
      absWorkingDir: PROJECT_ROOT,
      entryPoints: ['test/shared/container/fixtures/qdrant-round-trip.ts'],
      outfile,
      metafile: true,
      logLevel: 'error',
    });

    // Act
    const { stdout } = await promisify(execFile)(process.execPath, [
      outfile,
      qdrantUrl,
      `b${randomUUID().slice(0, 8)}_`,
    ]);

    // Assess
    expect(Object.keys(metafile.inputs).filter((source) => source.includes('node_modules/undici/'))).toEqual([]);
    expect(JSON.parse(stdout)).toEqual([chunkPointId('doc_round_trip', 0)]);
  });
});
