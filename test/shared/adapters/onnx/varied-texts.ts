/**
 * Texts that exercise every step of BERT tokenization: accents and combining marks, CJK (split per
 * character), other scripts, punctuation and symbols, control and zero-width characters, odd whitespace,
 * numbers, URLs, emoji, and words longer than WordPiece's 100-character limit. Made by a seeded generator,
 * so the set is the same on every run.
 */
const FRAGMENTS = [
  'The quick brown fox',
  'jumps over the lazy dog.',
  'Café',
  'naïve',
  'résumé',
  'Ångström',
  'Øresund',
  'façade',
  'Straße',
  'Über',
  'coöperate',
  'São Paulo',
  'Kraków',
  'Dvořák',
  'İstanbul',
  'ﬁnancial',
  'e\u0301te\u0301',
  'Ａｂｃ１２３',
  '日本語のテキスト',
  '中文字符串',
  '한국어 문장',
  'ありがとう、世界！',
  '北京欢迎你。',
  'Ελληνικά γράμματα',
  'Русский текст',
  'Українська мова',
  'العربية لغة',
  'עברית',
  'हिन्दी भाषा',
  'ภาษาไทย',
  'tiếng Việt',
  'Hello, world!',
  'Well... maybe?!',
  '(parenthesised)',
  '[bracketed]',
  '{braced}',
  '"quoted"',
  '«guillemets»',
  '„Anführungszeichen“',
  '— dash —',
  'semi;colon',
  'a/b\\c',
  '#hashtag',
  '@mention',
  '$100.00',
  '3.14159',
  '1,000,000',
  '2026-11-28T02:42:00Z',
  '50%',
  'x²+y²=z²',
  '∀x∈ℝ',
  '→ ← ↑ ↓',
  '©®™',
  '½ ¾',
  'https://example.org/path?q=1&r=2',
  'someone@example.com',
  'C++',
  'Node.js',
  "don't",
  "l'homme",
  'state-of-the-art',
  'pneumonoultramicroscopicsilicovolcanoconiosis',
  'antidisestablishmentarianism',
  'Donaudampfschifffahrtsgesellschaft',
  '😀',
  '🇫🇷🇩🇪',
  '👩‍👩‍👧',
  '❤️',
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  'non\u00a0breaking',
  'zero\u200bwidth',
  'soft\u00adhyphen',
  'nul\u0000char',
  'bell\u0007char',
  'BOM\ufeffmark',
  'ideographic\u3000space',
  'ALL CAPS SHOUTING',
  'MiXeD CaSe',
  'UNIVERSAL',
  'unbelievably',
  'tokenization',
  'embeddings',
  'photosynthesis',
  'Euclid',
  'Yggdrasil',
];

/** Mulberry32: a small seeded generator, so the texts never change. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` sentences of 1 to 24 fragments each, joined by spaces or nothing. */
export function variedSentences(count: number): string[] {
  const random = seeded(7);
  const sentences = [...FRAGMENTS, '', '   ', 'x'.repeat(99), 'y'.repeat(100), 'z'.repeat(101), 'é'.repeat(150)];
  while (sentences.length < count) {
    const words = Array.from({ length: 1 + Math.floor(random() * 24) }, () => {
      return FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] ?? '';
    });
    sentences.push(words.join(random() < 0.15 ? '' : ' '));
  }
  return sentences;
}

/** Texts far longer than `words` word pieces, to check truncation. */
export function longTexts(words: number): string[] {
  const random = seeded(words);
  return Array.from({ length: 20 }, () =>
    Array.from({ length: words }, () => FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] ?? '').join(' '),
  );
}
