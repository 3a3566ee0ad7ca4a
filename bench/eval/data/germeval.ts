import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LabelledSentence } from './opennlp.ts';

/** See germeval2014/README.md: the source, its licence (CC BY 4.0) and how this slice was cut. */
const FILE = path.join(import.meta.dirname, 'germeval2014', 'test-first-1000.tsv');

/** GermEval 2014's German sentences with their outer entity spans (types PER, LOC, ORG, OTH, …deriv, …part). */
export async function germEvalSentences(): Promise<LabelledSentence[]> {
  const blocks = (await readFile(FILE, 'utf8')).split(/\n\s*\n/);
  return blocks
    .map((block) => block.split('\n').filter((line) => line.length > 0))
    .filter((lines) => lines.length > 0)
    .map((lines) => fromIob2(lines.map((line) => line.split('\t') as [string, string])));
}

/** Tokens tagged B-TYPE / I-TYPE / O → the tokens joined by single spaces, with each span's offsets. */
export function fromIob2(tokens: readonly (readonly [token: string, tag: string])[]): LabelledSentence {
  const entities: { start: number; end: number; type: string }[] = [];
  let text = '';
  let open: { start: number; end: number; type: string } | undefined;
  for (const [token, tag] of tokens) {
    const start = text.length === 0 ? 0 : text.length + 1;
    text = text.length === 0 ? token : `${text} ${token}`;
    const [prefix, type] = tag.split('-', 2) as [string, string | undefined];
    if (open !== undefined && prefix === 'I' && open.type === type) {
      open.end = text.length;
      continue;
    }
    if (open) entities.push(open);
    open = (prefix === 'B' || prefix === 'I') && type ? { start, end: text.length, type } : undefined;
  }
  if (open) entities.push(open);
  return { text, entities };
}
