import { manifest, type FunctionDefinition } from '#functions/manifest';
import type { BundleSubject } from './bundle.ts';
import { sampleEventForHttpFunction, sampleTaskEvent } from './sample-events.ts';

export const BASELINE: BundleSubject & { readonly memoryMb: number } = {
  name: 'baseline',
  kind: 'baseline',
  entry: 'bench/baseline-handler.ts',
  memoryMb: 128,
};

/** Every function of the manifest, then the baseline. */
export function benchSubjects(): (BundleSubject & { readonly memoryMb: number; readonly event: unknown })[] {
  return [
    ...manifest.map((fn) => ({
      name: fn.name,
      kind: fn.kind,
      entry: fn.entry,
      memoryMb: fn.memoryMb,
      event: sampleEvent(fn),
    })),
    { ...BASELINE, event: {} },
  ];
}

function sampleEvent(fn: FunctionDefinition): unknown {
  return fn.kind === 'http' ? sampleEventForHttpFunction(fn) : sampleTaskEvent(fn.task);
}
