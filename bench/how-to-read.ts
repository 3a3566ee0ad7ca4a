import { BENCH_PRINCIPAL_RATE_LIMIT } from './bench-admin.ts';
import { MIDDLEWARE_BLOCK } from './middleware-protocol.ts';
import type { BenchResults } from './results.ts';
import { TARGETS } from './targets.ts';

/** The last section of bench/RESULTS.md: what each table measures, and how to read it. */
export function howToRead(results: BenchResults): string {
  const { settings } = results;
  return [
    '- **Targets**: PASS or FAIL against each limit. A measurement whose responses were not all the expected ' +
      'ones fails however fast it was. NOT MEASURED: the local runtime or the middleware child did not run; ' +
      'NOT RUN: the section was skipped for the reason it gives (Neo4j needs Java 17+ and Maven).',
    '- **Bundle** is the minified bundle without its source map, built with the very esbuild options object the CDK ' +
      'app bundles with (`LAMBDA_ESBUILD_OPTIONS` in infra/aws/bundling.ts), the AWS SDK included. "Imported from ' +
      'outside the bundle" lists any package a bundle still loads at run time. ⚠ marks a bundle over its budget (1 MB plus the budgets of the modules it declares).',
    '- **Cold start** is the time from the start of a fresh Node process (`performance.timeOrigin`, measured inside ' +
      'the process, so the cost of `exec` and of the pipe back to the bench is left out) to the handler’s result for ' +
      'its first event: **Boot** (Node itself, up to the bench’s loader script) + **Import** (evaluating the bundle ' +
      'and everything it imports) + **First event** (lazy adapters, middleware, the handler). It runs with the ' +
      'deployed functions’ Node flags; **With source maps** is the same with `--enable-source-maps`. Each number is the ' +
      `median of ${settings.coldRuns} runs; the runs alternate between functions, so noise falls on all ` +
      'alike. **× baseline** divides by the median of a hello-world handler bundled and started the same way.',
    '- **Cold-start state and credentials**: before the runs, a child runs the platform’s `bootstrap()` on an ' +
      'embedded data directory (YGG_DATA_DIR: one SQLite file, not in memory), which leaves what a deployed ' +
      'installation holds before its first request: graph migrations, the JWT key ring and the first admin. The ' +
      'same child issues a bearer token for that admin. Every run starts from a fresh copy of that directory (copied ' +
      'before the process starts, outside the timing), so each begins from the same state and none sees what an ' +
      'earlier one wrote. The events of routes that need credentials carry `authorization: Bearer …`, so their first ' +
      'event pays for authentication (key ring read, ES256 check, account read, rate limit, role check) and then ' +
      'runs the route. Nothing in the init path or the first event reaches a network (no variable points at a ' +
      'service) except where a function embeds text: as deployed, search-documents and process-documents embed with ' +
      'Bedrock, so they run with EMBEDDER=bedrock against a Bedrock-shaped HTTP/2 server in the bench process that ' +
      'answers at once, through the real SDK client (its first call pays for the client, SigV4 and the HTTP/2 ' +
      'session). That call is a network call, so the first-event target (≤ 10 ms where none is made) does not judge ' +
      'them; their cold-start target does. The row beneath each, "(local ONNX)", is the laptop default (EMBEDDER=onnx, ' +
      'the model loaded in process on the first event): shown, not judged, as the stack never deploys it. ' +
      '"(provisioned concurrency)" beneath analyze-text runs with AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency, ' +
      'as Lambda starts an environment kept by `-c provisionedConcurrency`: its init also runs one English text ' +
      'through the processor, and Lambda runs that init before any request, so a first request waits for its ' +
      '**First event** alone; shown, not judged (on demand is the default). ' +
      '**First response** is what the first event got: a 4xx is the route’s answer to its small sample ' +
      '(404 for a well-formed id that names nothing, 400 or 415 for a body it lacks), except that 401, 403 or ' +
      '429 on a route that needs ' +
      'credentials means the run never reached the route: it is marked unexpected and fails its target.',
    '- **Warm latency** is sequential requests over keep-alive connections to the local runtime on embedded ' +
      'in-memory adapters, timed from sending the request to reading the whole body. The runtime runs in its own ' +
      'process, as a server would, so the client’s work never waits on the server’s event loop. The bare ' +
      '`node:http` server answering `ok` shows what the machine, Node and the client cost on their own; ' +
      '**× baseline** is the runtime’s percentile over the bare server’s. The runtime starts with ' +
      'ADMIN_USERNAME/ADMIN_PASSWORD; the bench logs in at `POST /token` (OAuth 2.0 password grant, form-encoded) ' +
      'and sends the bearer token with every request to a route that needs it. Because one principal sends ' +
      `thousands of requests a minute, RATE_LIMIT_PRINCIPAL is raised to ${BENCH_PRINCIPAL_RATE_LIMIT}: the limiter ` +
      'still counts every request, it only never says no. **Unexpected status** counts answers other than the ' +
      'expected one (202 for `POST /documents`); any is a defect in the run, not a latency. Each accepted ' +
      '`POST /documents` queues a task that the runtime’s queue driver processes in the same process, as it would ' +
      'locally, so that work competes with the requests.',
    '- **Middleware overhead** calls one trivial handler (`() => json(200, { ok: true })`) bare and wrapped by ' +
      `\`httpFunction\`, ${settings.middlewareInvocations} times each after ${results.middleware.warmupInvocations} ` +
      `warm-up calls, in one process, in alternating blocks of ${MIDDLEWARE_BLOCK} so noise falls on every variant ` +
      'alike; each call is timed from the call to the settled result, with its event and context made beforehand. ' +
      'Wrapped for `GET /health` (public: no authentication, and no audit write for a GET) it measures the stack ' +
      'itself: header normalisation, logger context, the request log line, metrics, CORS, compression negotiation, ' +
      'the ETag and the error handler. Metrics are on, as in Lambda: each call writes its EMF line and its log line ' +
      'to the child’s stdout, which is the null device, so the writes are paid and the output dropped. **Added** ' +
      'is the wrapped percentile minus the bare one at the same percentile (the table is in µs: 1,000 µs = 1 ms); ' +
      'the target holds the public route’s ' +
      `added p99 to ≤ ${TARGETS.middlewareAddedP99Ms} ms. The bearer-token and API-key rows wrap the same handler ` +
      'for `GET /concepts/{conceptId}`: they add authentication, the rate limit and the role check against ' +
      'in-memory embedded stores, that is embedded I/O, so they are shown without a target. On AWS those reads go ' +
      'to DynamoDB (and to Secrets Manager, cached for SECRETS_CACHE_TTL_SECONDS), a network round trip each.',
    '- **Concept reads** run against a real Neo4j started for the section and stopped after it. **uncached**: ' +
      'every request reads a concept no request has read before, so the container’s LRU and the shared cache both ' +
      'miss and the handler queries Neo4j, then stores the value in both, exactly as a miss does. **cached**: every ' +
      'request reads the same concept, answered from the container’s LRU (and from the shared cache each time the ' +
      'LRU entry expires). No setting was changed to make a read uncached: the bench only never repeats a ' +
      'concept. Both are timed like the warm latency above, over HTTP with a bearer token, in the same rounds as the ' +
      'bare `node:http` baseline. The graph query row calls the adapter (`Neo4jKnowledgeStore.getConcept`) directly ' +
      'in the bench process, with the driver settings a function gets, round-robin over the same concepts: one ' +
      'managed read transaction over Bolt on loopback, plus parsing. The targets are an order of magnitude under the ' +
      `seed’s: API p95 < ${TARGETS.conceptReadP95Ms} ms (seed ${TARGETS.seedApiP95Ms} ms), graph query p95 < ` +
      `${TARGETS.graphQueryP95Ms} ms (seed ${TARGETS.seedGraphQueryP95Ms} ms). Neo4j shares the machine’s cores with ` +
      'the runtime and the bench; on AWS, Aura is a network hop away, so add that round trip to the uncached row.',
    '- **Cache hit rate** replays the workload above through the same `readThrough` the GET handlers use, on the ' +
      'embedded shared cache and one LRU per simulated container, with the platform’s default cache settings, on a ' +
      'virtual clock so that both TTLs expire as they would in a day’s traffic without the bench waiting. A miss ' +
      'is a first read, a read after a write’s invalidation, or a read after the shared TTL. The hit rate depends ' +
      'on the workload, not on the machine: the same seed gives the same numbers everywhere. In the cloud, memory ' +
      'hits depend on how many containers share the traffic; the shared cache hits do not.',
    '- The machine is small and shared: ms move by 10–20 % between runs, so compare ratios, and compare runs ' +
      'with each other only on the same machine. Lambda gives a function CPU in proportion to its memory (a full ' +
      'vCPU at 1,769 MB), so its cold starts take longer in ms than here; the ratios carry over better than the ms.',
  ].join('\n');
}
