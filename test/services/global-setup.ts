/**
 * vitest globalSetup: starts the real Neo4j and moto for the whole run (test/services/servers.ts) and stops
 * them when the run ends, however it ends. Tests read the settings with `inject('services')` or from
 * process.env (set here before the workers fork, so they inherit it).
 *
 * YGG_TEST_SERVICES=off starts nothing (unit-only runs); tests that need a server then fail and say so.
 */
import type { TestProject } from 'vitest/node';
import { startTestServices } from './servers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY */
    services: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.YGG_TEST_SERVICES === 'off') {
    process.stderr.write('[services] YGG_TEST_SERVICES=off: not starting Neo4j and moto\n');
    project.provide('services', {});
    return () => Promise.resolve();
  }
  const services = await startTestServices();
  const previous = new Map(Object.keys(services.env).map((name) => [name, process.env[name]] as const));
  Object.assign(process.env, services.env);
  project.provide('services', services.env);
  return async () => {
    await services.stop();
    for (const [name, value] of previous) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  };
}
