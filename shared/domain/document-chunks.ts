import { createHash } from 'node:crypto';

/** Chunk sizes in words: ~200 words stay under MiniLM's 256 word pieces; the overlap keeps a sentence whole. */
export const CHUNKING = { wordsPerChunk: 180, overlapWords: 40, excerptChars: 200 } as const;

export interface TextChunk {
  readonly index: number;
  readonly text: string;
}

/**
 * Splits text into chunks of `wordsPerChunk` words, each starting `overlapWords` before the previous one
 * ended, so a phrase cut at one boundary is whole in the next chunk. Same text, same chunks.
 *
 * @example
 * chunkText('a b c d e', { wordsPerChunk: 3, overlapWords: 1 }); // ['a b c', 'c d e']
 */
export function chunkText(
  text: string,
  options: { wordsPerChunk: number; overlapWords: number } = CHUNKING,
): TextChunk[] {
  const words = text.split(/\s+/u).filter((word) => word !== '');
  if (words.length === 0) return [];
  const step = Math.max(1, options.wordsPerChunk - options.overlapWords);
  const chunks: TextChunk[] = [];
  for (let start = 0; ; start += step) {
    chunks.push({ index: chunks.length, text: words.slice(start, start + options.wordsPerChunk).join(' ') });
    if (start + options.wordsPerChunk >= words.length) break;
  }
  return chunks;
}

/** At most `excerptChars` characters, cut at a word where one is near, with an ellipsis when cut. */
export function excerpt(text: string, maxChars: number = CHUNKING.excerptChars): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > maxChars * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * The point id of a document's chunk: a name-based UUID (version 5 layout, SHA-1) of `documentId#chunk`,
 * so processing a document again writes the same points. Qdrant takes UUIDs or integers as ids.
 */
export function chunkPointId(documentId: string, chunk: number): string {
  const bytes = createHash('sha1').update(`yggdrasil:chunk:${documentId}#${chunk}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
