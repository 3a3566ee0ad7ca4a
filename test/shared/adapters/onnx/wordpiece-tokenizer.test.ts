import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { onnxModelFiles } from '#shared/adapters/onnx/model-files';
import { WordPieceTokenizer } from '#shared/adapters/onnx/wordpiece-tokenizer';
import { modelDirForTests, pythonForTests } from '../../../services/models.ts';
import { longTexts, variedSentences } from './varied-texts.ts';

const files = onnxModelFiles(modelDirForTests(), 'all-minilm-l6-v2');

/** Hugging Face's own tokenizer, in Python, on the same tokenizer.json. */
function referenceIds(texts: readonly string[], maxTokens: number): number[][] {
  const result = spawnSync(pythonForTests(), [new URL('hf_tokenize.py', import.meta.url).pathname], {
    input: JSON.stringify({ tokenizer: files.tokenizer, texts, maxTokens }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`hf_tokenize.py failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as number[][];
}

function ourIds(texts: readonly string[], maxTokens: number): number[][] {
  const tokenizer = new WordPieceTokenizer(JSON.parse(readFileSync(files.tokenizer, 'utf8')));
  return texts.map((text) => [...tokenizer.encode(text, maxTokens)]);
}

describe('WordPieceTokenizer', () => {
  it('gives the same ids as Hugging Face tokenizers on 600 varied sentences', () => {
    // Prepare
    const texts = variedSentences(600);

    // Act
    const ours = ourIds(texts, 512);

    // Assess
    expect(ours).toEqual(referenceIds(texts, 512));
  });

  it.each([256, 512])('truncates long texts at %i tokens exactly as Hugging Face does', (maxTokens) => {
    // Prepare
    const texts = longTexts(maxTokens * 2);

    // Act
    const ours = ourIds(texts, maxTokens);

    // Assess
    expect(ours.every((ids) => ids.length === maxTokens)).toBe(true);
    expect(ours).toEqual(referenceIds(texts, maxTokens));
  });
});
