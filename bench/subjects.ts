import { manifest, type FunctionDefinition } from '#functions/manifest';
import type { BundleSubject } from './bundle.ts';
import type { ColdStartSubject } from './cold-start.ts';
import { sampleEventForHttpFunction, sampleTaskEvent } from './sample-events.ts';

export const BASELINE: BundleSubject & { readonly memoryMb: number } = {
  name: 'baseline',
  kind: 'baseline',
  entry: 'bench/baseline-handler.ts',
  memoryMb: 128,
};

/** What the bench bundles and what it starts: a cold-start subject before its bundle is built. */
export interface BenchSubject extends BundleSubject, Omit<ColdStartSubject, 'bundlePath'> {}

/** Where the cold starts' Bedrock-shaped server listens (`test/support/bedrock-server.ts`). */
export interface BenchEndpoints {
  readonly bedrockUrl: string;
}

/**
 * Every function of the manifest, then the baseline; events of non-public routes carry `authorization`. A
 * function that embeds text runs as the stack deploys it, embedding with Bedrock (`infra/aws/uses.ts`), here
 * through the SDK against a local Bedrock-shaped server; it is followed by its local-default variant, which
 * embeds in process with ONNX as `npm start` does, shown for laptops and never judged.
 */
export function benchSubjects(authorization: string, endpoints: BenchEndpoints): BenchSubject[] {
  return [
    ...manifest.flatMap((fn) => {
      const subject: BenchSubject = {
        name: fn.name,
        kind: fn.kind,
        entry: fn.entry,
        uses: fn.uses,
        memoryMb: fn.memoryMb,
        event: sampleEvent(fn, authorization),
        requiresCredentials: requiresCredentials(fn),
      };
      if (fn.uses.embedder === true) {
        return [
          { ...subject, env: deployedEmbedderEnv(endpoints), calls: 'Bedrock' },
          { ...subject, name: `${fn.name} (local ONNX)`, variantOf: fn.name, env: { EMBEDDER: 'onnx' } },
        ];
      }
      if (fn.kind === 'http' && fn.uses.textAnalysis === true) return [subject, provisionedVariant(subject)];
      return [subject];
    }),
    { ...BASELINE, event: {}, requiresCredentials: false },
  ];
}

/**
 * The function as provisioned concurrency starts it (`-c provisionedConcurrency`, none by default): Lambda runs
 * the init before any request, so what a first request waits for is this variant's first event alone.
 */
function provisionedVariant(subject: BenchSubject): BenchSubject {
  return {
    ...subject,
    name: `${subject.name} (provisioned concurrency)`,
    variantOf: subject.name,
    env: { AWS_LAMBDA_INITIALIZATION_TYPE: 'provisioned-concurrency' },
  };
}

/** `EMBEDDER=bedrock` as the stack sets it, and the credentials Lambda puts in every function's environment. */
function deployedEmbedderEnv(endpoints: BenchEndpoints): Record<string, string> {
  return {
    EMBEDDER: 'bedrock',
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: endpoints.bedrockUrl,
    AWS_ACCESS_KEY_ID: 'ASIABENCHCOLDSTART',
    AWS_SECRET_ACCESS_KEY: 'bench-cold-start-secret',
    AWS_SESSION_TOKEN: 'bench-cold-start-session',
  };
}

function requiresCredentials(fn: FunctionDefinition): boolean {
  return fn.kind === 'http' && fn.permission !== 'public';
}

function sampleEvent(fn: FunctionDefinition, authorization: string): unknown {
  if (fn.kind === 'task') return sampleTaskEvent(fn.task);
  return sampleEventForHttpFunction(fn, requiresCredentials(fn) ? { authorization } : {});
}
