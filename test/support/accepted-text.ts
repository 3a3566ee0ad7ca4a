/**
 * Text the integrity rule (`userText`) accepts that a careless store would alter: the three control
 * characters allowed, characters outside the BMP (a surrogate pair), U+FFFD itself, noncharacters, a byte
 * order mark inside the text, combining marks and right-to-left text. Every store must return them unchanged.
 */
export const ACCEPTED_EDGE_TEXT =
  'tab\there, line\nfeed, carriage\r\nreturn; 🌳 𝔜 (astral), \uFFFD (replacement), \uFFFE\uFFFF (nonchars), ' +
  'mid\uFEFFbom, e\u0301 (combining), שלום (rtl), a literal \\u0000 and trailing space ';

/** Text the rule refuses, by what breaks it. */
export const REFUSED_TEXT: Readonly<Record<string, string>> = {
  'a NUL': 'Paris is the capital\u0000 of Germany',
  'a NUL first': '\u0000x',
  'an escape character': 'colour \u001b[31mred',
  DEL: 'delete\u007f',
  'a C1 control character': 'next\u0085line',
  'a lone high surrogate': 'broken \uD83C pair',
  'a lone low surrogate': 'broken \uDF33 pair',
  'a reversed surrogate pair': '\uDF33\uD83C',
};
