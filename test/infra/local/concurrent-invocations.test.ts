import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.YGG_IN_MEMORY = 'true';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  // Read once, when the logger is made; the handlers set it again at each invocation.
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
});

import { startLocalRuntime, type LocalRuntime } from '#infra/local/main';
import { useEmbeddedAdapters } from './fixtures/embedded-adapters.ts';

let runtime: LocalRuntime;

beforeAll(async () => {
  useEmbeddedAdapters();
  runtime = await startLocalRuntime({ port: 0 });
});

afterAll(async () => {
  await runtime.stop();
});

/** The request ids of the `request` lines the handlers log while `act` runs. */
async function loggedRequestIds(act: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await act();
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((line) => line.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { message?: string; requestId?: string })
    .flatMap((entry) => (entry.message === 'request' && entry.requestId ? [entry.requestId] : []));
}

describe('concurrent invocations', () => {
  it('each log their own request id, as if each had a Lambda container of its own', async () => {
    let answeredIds: (string | null)[] = [];

    const loggedIds = await loggedRequestIds(async () => {
      const responses = await Promise.all(Array.from({ length: 10 }, () => fetch(`${runtime.url}/health`)));
      answeredIds = responses.map((response) => response.headers.get('apigw-requestid'));
    });

    expect(loggedIds.sort()).toEqual([...answeredIds].sort());
  });
});
