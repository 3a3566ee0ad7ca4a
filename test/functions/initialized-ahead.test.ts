import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetConfig } from '#shared/config';

// Each test loads the function modules afresh: their init is what is checked.

async function primingCallsOnLoad(initializationType: string | undefined): Promise<number> {
  vi.resetModules();
  if (initializationType === undefined) delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  else process.env.AWS_LAMBDA_INITIALIZATION_TYPE = initializationType;
  resetConfig();
  const prime = vi.fn();
  vi.doMock('#shared/services/text-analysis', async (importOriginal) => ({
    ...(await importOriginal<typeof import('#shared/services/text-analysis')>()),
    primeTextAnalysis: prime,
  }));
  await import('#functions/http/analyze-text');
  await import('#functions/tasks/process-documents');
  return prime.mock.calls.length;
}

afterEach(() => {
  delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  vi.doUnmock('#shared/services/text-analysis');
  vi.resetModules();
  resetConfig();
});

describe('the init of the functions that analyse text', () => {
  it('readies the analysis where Lambda initialises ahead of any request (provisioned concurrency)', async () => {
    // Act
    const calls = await primingCallsOnLoad('provisioned-concurrency');

    // Assess: analyze-text and process-documents each once
    expect(calls).toBe(2);
  });

  it.each([['on-demand'], [undefined]])('leaves it to the first request at a %s start', async (type) => {
    // Act
    const calls = await primingCallsOnLoad(type);

    // Assess
    expect(calls).toBe(0);
  });
});
