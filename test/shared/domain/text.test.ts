import { describe, expect, it } from 'vitest';
import { NON_BLANK_TEXT_PATTERN, TEXT_PATTERN, UNSAFE_TEXT_MESSAGE, userText } from '#shared/domain/text';
import { ACCEPTED_EDGE_TEXT, REFUSED_TEXT } from '../../support/accepted-text.ts';

describe('userText', () => {
  it('accepts tab, newline, carriage return, astral characters and noncharacters unchanged when not trimming', () => {
    expect(userText({ max: 500, trim: false }).parse(ACCEPTED_EDGE_TEXT)).toBe(ACCEPTED_EDGE_TEXT);
  });

  it.each(Object.entries(REFUSED_TEXT))('refuses text with %s, saying why', (_what, text) => {
    const result = userText({ max: 500 }).safeParse(text);

    expect(result.error?.issues.map((issue) => issue.message)).toEqual([UNSAFE_TEXT_MESSAGE]);
  });

  it('refuses whitespace-only text once trimmed', () => {
    const result = userText({ max: 10 }).safeParse(' \t\n\u00a0\ufeff ');

    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['must not be empty or only whitespace']);
  });

  it('counts characters, not UTF-16 units, as JSON Schema maxLength does', () => {
    const schema = userText({ max: 3 });

    expect(schema.safeParse('🌳🌳🌳').success).toBe(true);
    expect(schema.safeParse('🌳🌳🌳🌳').success).toBe(false);
  });

  it('states the rule in JSON Schema patterns that agree with the check', () => {
    const text = new RegExp(TEXT_PATTERN, 'u');
    const nonBlank = new RegExp(NON_BLANK_TEXT_PATTERN, 'u');

    expect(text.test(ACCEPTED_EDGE_TEXT)).toBe(true);
    expect(nonBlank.test(ACCEPTED_EDGE_TEXT)).toBe(true);
    expect(nonBlank.test(' \t\u3000 ')).toBe(false);
    for (const refused of ['\u0000', '\u001b', '\u007f', '\u0085']) expect(text.test(`a${refused}b`)).toBe(false);
  });
});
