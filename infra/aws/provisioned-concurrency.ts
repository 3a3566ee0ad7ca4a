import type { FunctionDefinition } from '#functions/manifest';

/** Environments Lambda keeps initialised, by manifest function name; a function left out gets none. */
export type ProvisionedConcurrency = Readonly<Record<string, number>>;

const ENTRY = /^([a-z][a-z0-9-]*)=([1-9]\d*)$/;

/**
 * Reads `-c provisionedConcurrency=analyze-text=2,search-documents=1`: how many environments Lambda keeps
 * initialised for each function named (the manifest's names). Throws at synth on a malformed entry, a name the
 * manifest lacks, or a count above the function's reserved concurrency, which Lambda would refuse mid-deploy.
 *
 * @example
 * parseProvisionedConcurrency('analyze-text=2', manifest); // { 'analyze-text': 2 }
 */
export function parseProvisionedConcurrency(
  text: string | undefined,
  functions: readonly FunctionDefinition[],
): ProvisionedConcurrency {
  if (text === undefined || text.trim() === '') return {};
  const counts: Record<string, number> = {};
  for (const entry of text.split(',').map((part) => part.trim())) {
    const match = ENTRY.exec(entry);
    if (!match?.[1] || !match[2]) {
      throw new Error(`provisionedConcurrency entry '${entry}' must be <function>=<environments>, e.g. analyze-text=2`);
    }
    const [, name, count] = match;
    const fn = functions.find((candidate) => candidate.name === name);
    if (!fn) throw new Error(`provisionedConcurrency names '${name}', which is no function of the manifest`);
    if (name in counts) throw new Error(`provisionedConcurrency names '${name}' twice`);
    if (fn.reservedConcurrency !== undefined && Number(count) > fn.reservedConcurrency) {
      throw new Error(
        `provisionedConcurrency for '${name}' (${count}) exceeds its reserved concurrency (${fn.reservedConcurrency})`,
      );
    }
    counts[name] = Number(count);
  }
  return counts;
}
