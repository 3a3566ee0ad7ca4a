import { manifest, type FunctionDefinition } from '#functions/manifest';
import type { BundleSubject } from './bundle.ts';
import { sampleEventForHttpFunction, sampleTaskEvent } from './sample-events.ts';

export const BASELINE: BundleSubject & { readonly memoryMb: number } = {
  name: 'baseline',
  kind: 'baseline',
  entry: 'bench/baseline-handler.ts',
  memoryMb: 128,
};

export interface BenchSubject extends BundleSubject {
  readonly memoryMb: number;
  readonly event: unknown;
  /** An HTTP route that is not public: its event carries `authorization`, and a 401 or 403 is a failed run. */
  readonly requiresCredentials: boolean;
}

/** Every function of the manifest, then the baseline; events of non-public routes carry `authorization`. */
export function benchSubjects(authorization: string): BenchSubject[] {
  return [
    ...manifest.map((fn) => ({
      name: fn.name,
      kind: fn.kind,
      entry: fn.entry,
      uses: fn.uses,
      memoryMb: fn.memoryMb,
      event: sampleEvent(fn, authorization),
      requiresCredentials: requiresCredentials(fn),
    })),
    { ...BASELINE, event: {}, requiresCredentials: false },
  ];
}

function requiresCredentials(fn: FunctionDefinition): boolean {
  return fn.kind === 'http' && fn.permission !== 'public';
}

function sampleEvent(fn: FunctionDefinition, authorization: string): unknown {
  if (fn.kind === 'task') return sampleTaskEvent(fn.task);
  return sampleEventForHttpFunction(fn, requiresCredentials(fn) ? { authorization } : {});
}
