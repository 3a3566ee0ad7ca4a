import { createRequire } from 'node:module';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEXT_ANALYSIS_DATA } from '#infra/aws/bundling';
import type { DetectedLanguage, Sentiment } from '#shared/domain/text-analysis';
import { bundleFunction } from '../../../bench/bundle.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');
const OUT_DIR = path.join(PROJECT_ROOT, 'bench', '.work', 'bundled-language-data');
const TEXT_ANALYSIS = { textAnalysis: true } as const;

interface BundledProcessor {
  readonly detectLanguage: (text: string) => Promise<DetectedLanguage>;
  readonly analyzeSentiment: (text: string, language: string) => Promise<Sentiment>;
}

/** The text processor's language and sentiment modules bundled as a function that analyses text is, and loaded. */
async function bundledProcessor(name: string): Promise<{ processor: BundledProcessor; bundleDir: string }> {
  const [language, sentiment] = await Promise.all(
    ['language', 'sentiment'].map((module) =>
      bundleFunction(
        {
          name: `${name}-${module}`,
          kind: 'http',
          entry: `shared/agents/text-processor/${module}.ts`,
          uses: TEXT_ANALYSIS,
        },
        PROJECT_ROOT,
        OUT_DIR,
      ),
    ),
  );
  if (!language || !sentiment) throw new Error('esbuild wrote no bundle');
  const load = createRequire(import.meta.url);
  const processor = {
    ...(load(language.bundlePath) as Pick<BundledProcessor, 'detectLanguage'>),
    ...(load(sentiment.bundlePath) as Pick<BundledProcessor, 'analyzeSentiment'>),
  };
  return { processor, bundleDir: path.dirname(language.bundlePath) };
}

beforeAll(async () => {
  await rm(OUT_DIR, { recursive: true, force: true });
}, 60_000);

describe('a bundle that analyses text', () => {
  it("detects a language with eld's n-grams read from beside the bundle", async () => {
    // Prepare
    const { processor } = await bundledProcessor('present');

    // Act
    const detected = await processor.detectLanguage('Der Ausschuss hat den Haushalt nach langer Debatte gebilligt.');

    // Assess
    expect(detected.code).toBe('de');
  }, 60_000);

  it('scores German sentiment with the lexicon read from beside the bundle', async () => {
    // Prepare
    const { processor } = await bundledProcessor('present');

    // Act
    const sentiment = await processor.analyzeSentiment('Das Essen war wunderbar und der Service gut.', 'de');

    // Assess
    expect(sentiment.label).toBe('positive');
  }, 60_000);

  it('names the missing data file on the first text when the folder was not shipped', async () => {
    // Prepare
    const { processor, bundleDir } = await bundledProcessor('missing');
    await rm(path.join(bundleDir, TEXT_ANALYSIS_DATA.to), { recursive: true });

    // Act
    const detecting = processor.detectLanguage('The committee approved the budget.');

    // Assess
    await expect(detecting).rejects.toThrow(
      `${path.join(bundleDir, TEXT_ANALYSIS_DATA.to, 'eld-extrasmall.txt')} is missing`,
    );
  }, 60_000);
});
