import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultProvider } from '#shared/container/lambda-credentials';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('defaultProvider (Lambda bundles)', () => {
  it('resolves the credentials Lambda puts in the environment', async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret-example');
    vi.stubEnv('AWS_SESSION_TOKEN', 'session-example');

    // Act
    const credentials = await defaultProvider()();

    // Assess
    expect(credentials).toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret-example',
      sessionToken: 'session-example',
    });
  });

  it('fails, naming the missing variables, when the environment holds no credentials', async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');

    // Act
    const resolving = defaultProvider()();

    // Assess
    await expect(resolving).rejects.toThrow(/AWS_ACCESS_KEY_ID|environment/i);
  });
});
