import { udhrParagraphs } from './eval/data/udhr.ts';

/** Each document's size: the ingest target (≥ 50 docs/s per worker) is stated for 1 KB documents. */
export const DOCUMENT_BYTES = 1024;

export interface BenchDocument {
  readonly title: string;
  readonly text: string;
}

/**
 * `count` distinct 1 KB documents of English prose (the UDHR), so each goes through every step of the text
 * processor and the embedder; `label` (unique per run) keeps their content-derived ids new.
 */
export async function ingestDocuments(label: string, count: number): Promise<BenchDocument[]> {
  const prose = (await udhrParagraphs('eng')).join(' ');
  return Array.from({ length: count }, (_, index) => ({
    title: `Bench ${label} ${index}`,
    text: ofBytes(`Load document ${index} of ${label}. ${prose}`),
  }));
}

/** The text's longest prefix of whole words within `DOCUMENT_BYTES` UTF-8 bytes. */
function ofBytes(text: string): string {
  let cut = text.slice(0, DOCUMENT_BYTES);
  while (Buffer.byteLength(cut) > DOCUMENT_BYTES) cut = cut.slice(0, cut.lastIndexOf(' '));
  return cut.slice(0, cut.lastIndexOf(' '));
}
