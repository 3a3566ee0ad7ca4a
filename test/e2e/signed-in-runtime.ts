import { randomUUID } from 'node:crypto';
import { expect, inject } from 'vitest';
import { provisionAwsResources } from '#infra/local/provision';
import { startRuntimeProcess, type RunningRuntime } from './local-runtime.ts';

/** The first admin each runtime these tests start is given. */
const ADMIN = { ADMIN_USERNAME: 'e2e-admin', ADMIN_PASSWORD: 'correct horse battery staple' };

const SERVICE_SETTINGS = [
  'NEO4J_URI',
  'NEO4J_USERNAME',
  'NEO4J_PASSWORD',
  'AWS_ENDPOINT_URL',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
];

export interface SignedInRuntime {
  readonly runtime: RunningRuntime;
  /** A bearer token for the first admin. */
  readonly headers: Record<string, string>;
}

/**
 * Starts the local runtime in its own process, as `npm start` does, with a first admin, and signs in as
 * that admin through `POST /token` as a client would.
 */
export async function startSignedInRuntime(env: Record<string, string | undefined>): Promise<SignedInRuntime> {
  // The runtime's startup line is how the runtime helper knows it is up; the test run itself is silent.
  const runtime = await startRuntimeProcess({ ...env, ...ADMIN, POWERTOOLS_LOG_LEVEL: 'INFO' });
  const response = await fetch(`${runtime.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: ADMIN.ADMIN_USERNAME,
      password: ADMIN.ADMIN_PASSWORD,
    }),
  });
  expect(response.status).toBe(200);
  const { access_token: token } = (await response.json()) as { access_token: string };
  return { runtime, headers: { authorization: `Bearer ${token}` } };
}

/**
 * The real Neo4j and moto the test run started (or `npm run services` did, when the run's own are off);
 * `purpose` names the tests that need them when they are missing.
 */
export function testServices(purpose: string): Record<string, string> {
  const fromEnvironment = SERVICE_SETTINGS.flatMap((name) => {
    const value = process.env[name];
    return value === undefined ? [] : [[name, value] as const];
  });
  const services: Record<string, string> = { ...Object.fromEntries(fromEnvironment), ...inject('services') };
  const missing = ['NEO4J_URI', 'AWS_ENDPOINT_URL'].filter((name) => !services[name]);
  if (missing.length > 0) throw new Error(`${purpose} need the test services; missing ${missing.join(', ')}`);
  return services;
}

/** Tables, queues and secrets of their own on `services`' moto, named under `prefix`: their settings by variable. */
export function provisionTestResources(
  services: Record<string, string>,
  prefix: string,
): Promise<Record<string, string>> {
  return provisionAwsResources(`${prefix}-${randomUUID().slice(0, 8)}`, awsClientConfig(services));
}

/** How an AWS SDK client reaches `services`' moto. */
export function awsClientConfig(services: Record<string, string>): { endpoint?: string; region: string } {
  return { endpoint: services.AWS_ENDPOINT_URL, region: services.AWS_REGION ?? 'us-east-1' };
}
