/**
 * Stands in for `undici` in the Lambda bundles (`alias` in infra/aws/bundling.ts). `@qdrant/js-client-rest` imports
 * undici only for an `Agent` it hands Node's global `fetch` as `dispatcher`, for keep-alive; Node's fetch already
 * pools and keeps connections alive through its own global dispatcher, so this `Agent` passes every request to
 * that one instead of bundling a second HTTP client (~410 KB, ~25 ms of each Qdrant function's import).
 */

/** What Node's fetch calls on a `dispatcher`. */
interface Dispatcher {
  dispatch(options: unknown, handler: unknown): boolean;
}

/** Where undici, Node's built-in one included, keeps its global dispatcher (undici's documented interop key). */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/** The pool options the client passes (connections, keep-alive) fall to the global dispatcher's defaults. */
export class Agent implements Dispatcher {
  dispatch(options: unknown, handler: unknown): boolean {
    const global = (globalThis as Record<symbol, Dispatcher | undefined>)[GLOBAL_DISPATCHER];
    if (!global) throw new Error("Node's fetch has no global dispatcher to send the request with");
    return global.dispatch(options, handler);
  }
}
