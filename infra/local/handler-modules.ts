import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FunctionDefinition } from '#functions/manifest';
import type { LambdaHandler } from './invocation.ts';
import { inInvocationScope } from './invocation-scope.ts';

/** The repository root, which manifest `entry` paths are relative to. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type HandlerLoader = (fn: FunctionDefinition) => Promise<LambdaHandler>;

/**
 * Imports each function's `handler` on its first invocation, as a Lambda cold start does, and keeps it.
 * A module that fails to load is tried again on the next invocation rather than cached broken.
 */
export function handlerLoader(projectRoot: string = PROJECT_ROOT): HandlerLoader {
  const loaded = new Map<string, Promise<LambdaHandler>>();
  return (fn) => {
    const cached = loaded.get(fn.entry);
    if (cached) return cached;
    const loading = importHandler(projectRoot, fn).catch((error: unknown) => {
      loaded.delete(fn.entry);
      throw error;
    });
    loaded.set(fn.entry, loading);
    return loading;
  };
}

async function importHandler(projectRoot: string, fn: FunctionDefinition): Promise<LambdaHandler> {
  const url = pathToFileURL(path.resolve(projectRoot, fn.entry)).href;
  // Init gets a scope of its own: Powertools' batch store cannot be written outside one once scoping is on.
  const module = (await inInvocationScope(`init ${fn.name}`, () => import(url))) as { handler?: unknown };
  if (typeof module.handler !== 'function') {
    throw new TypeError(`${fn.entry} (function '${fn.name}') does not export a handler function`);
  }
  return module.handler as LambdaHandler;
}
