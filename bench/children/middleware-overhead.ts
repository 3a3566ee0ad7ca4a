/**
 * The middleware stack's cost, in one process with no network: one trivial handler called bare and wrapped by
 * `httpFunction` (a public GET, then an authenticated GET with a bearer token and with an API key, on in-memory
 * embedded stores), in alternating blocks so machine noise falls on every variant alike. Started by
 * bench/middleware-overhead.ts with stdout on the null device and metrics on: the stack writes its log line and
 * its EMF metrics for every request, as on Lambda, and the writes stay in the numbers. Sends the percentiles.
 *
 * Environment: MIDDLEWARE_ENV's variables, the run size per variant.
 */
import { randomUUID } from 'node:crypto';
import { httpFunctions, type HttpFunction } from '#functions/manifest';
import { lambdaContext } from '#infra/local/lambda-context';
import { issueApiKey } from '#shared/auth/api-keys';
import { apiKeyStore } from '#shared/container/identity';
import { httpFunction, type HttpHandler } from '#shared/http/http-function';
import { json } from '#shared/http/responses';
import { authHeaders } from '../../test/support/auth.ts';
import { MIDDLEWARE_BLOCK, MIDDLEWARE_ENV } from '../middleware-protocol.ts';
import type { MiddlewareCredential, MiddlewareMeasurement, MiddlewareStack } from '../results.ts';
import { sampleEventForHttpFunction } from '../sample-events.ts';
import { percentile } from '../stats.ts';

const trivialHandler: HttpHandler = () => Promise.resolve(json(200, { ok: true }));

interface Variant {
  readonly name: string;
  readonly stack: MiddlewareStack;
  readonly credential: MiddlewareCredential;
  readonly fn: HttpFunction;
  readonly invoke: HttpHandler;
  readonly headers: Readonly<Record<string, string>>;
  readonly samplesMs: number[];
  unexpected: number;
}

function variant(
  name: string,
  stack: MiddlewareStack,
  fn: HttpFunction,
  credential: MiddlewareCredential = 'none',
  headers: Readonly<Record<string, string>> = {},
): Variant {
  const invoke = stack === 'bare' ? trivialHandler : httpFunction(fn, trivialHandler);
  return { name, stack, credential, fn, invoke, headers, samplesMs: [], unexpected: 0 };
}

/** One invocation, timed from the call to the settled result; the event and context are made before. */
async function invokeOnce(target: Variant): Promise<{ ms: number; status: number | undefined }> {
  const event = sampleEventForHttpFunction(target.fn, target.headers);
  const context = lambdaContext(target.fn, randomUUID(), Date.now() + target.fn.timeoutSeconds * 1000);
  const started = performance.now();
  const result = await target.invoke(event, context);
  return { ms: performance.now() - started, status: result.statusCode };
}

async function measure(variants: readonly Variant[], invocations: number, warmup: number): Promise<void> {
  for (const target of variants) for (let i = 0; i < warmup; i += 1) await invokeOnce(target);
  for (let round = 0; variants.some((target) => target.samplesMs.length < invocations); round += 1) {
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const target of order) {
      const count = Math.min(MIDDLEWARE_BLOCK, invocations - target.samplesMs.length);
      for (let i = 0; i < count; i += 1) {
        const { ms, status } = await invokeOnce(target);
        target.samplesMs.push(ms);
        if (status !== 200) target.unexpected += 1;
      }
    }
  }
}

function summary(target: Variant): MiddlewareMeasurement {
  const route = target.fn.route === '$default' ? '$default' : `${target.fn.route.method} ${target.fn.route.path}`;
  return {
    name: target.name,
    stack: target.stack,
    route,
    credential: target.credential,
    invocations: target.samplesMs.length,
    unexpectedResponses: target.unexpected,
    p50Ms: percentile(target.samplesMs, 50),
    p95Ms: percentile(target.samplesMs, 95),
    p99Ms: percentile(target.samplesMs, 99),
  };
}

function positiveInt(name: string): number {
  const value = Number(process.env[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const username = 'bench-admin';
const bearer = await authHeaders('admin', username);
const { key } = await issueApiKey(apiKeyStore(), { owner: username, name: 'bench' }, new Date());
const publicRoute = httpFunctions.health;
const authenticatedRoute = httpFunctions.getConcept;
const variants = [
  variant('bare handler', 'bare', publicRoute),
  variant('middleware stack, public route', 'public', publicRoute),
  variant('middleware stack, bearer token', 'authenticated', authenticatedRoute, 'bearer token', bearer),
  variant('middleware stack, API key', 'authenticated', authenticatedRoute, 'API key', { 'x-api-key': key }),
];
await measure(variants, positiveInt(MIDDLEWARE_ENV.invocations), positiveInt(MIDDLEWARE_ENV.warmup));
process.send?.({ measurements: variants.map(summary) }, () => process.exit(0));
