/**
 * `npm run eval`: runs every `eval/*.eval.ts` (each default-exports an async function returning its name,
 * a Markdown section and whether its targets were met) and writes the sections to eval/RESULTS.md with
 * the command and the date. Exits 1 when a target was missed.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFormatted } from '../bench/write-formatted.ts';

interface EvalResult {
  readonly name: string;
  readonly markdown: string;
  readonly passed: boolean;
}

// Quiet: the services under evaluation emit metric lines, which would bury the results.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((file) => file.endsWith('.eval.ts') && (only === undefined || file.startsWith(only)))
  .sort();
const sections: string[] = [];
let failed = 0;
for (const file of files) {
  const started = performance.now();
  const module = (await import(path.join(here, file))) as { default: () => Promise<EvalResult> };
  const result = await module.default();
  process.stderr.write(
    `[eval] ${result.name}: ${result.passed ? 'targets met' : 'TARGET MISSED'} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
  );
  if (!result.passed) failed += 1;
  sections.push(result.markdown);
}
const header = `# Evaluation results\n\nMade by \`npm run eval\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}).\n`;
await writeFormatted(path.join(here, 'RESULTS.md'), `${[header, ...sections].join('\n\n')}\n`);
process.exitCode = failed === 0 ? 0 : 1;
