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
  readonly detectLanguage: (text: string) => DetectedLanguage;
  readonly analyzeSentiment: (text: string, language: string) => Promise<Sentiment>;
}

/** The text processor's language and sentiment modules bundled as a function that analyses text is. */
async function bundleProcessor(name: string): Promise<{ bundlePaths: string[]; bundleDir: string }> {
  const built = await Promise.all(
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
  const bundlePaths = built.map((bundle) => bundle.bundlePath);
  const [first] = bundlePaths;
  if (!first) throw new Error('esbuild wrote no bundle');
  return { bundlePaths, bundleDir: path.dirname(first) };
}

/** Loads the bundles as the Lambda runtime does (`require`): their init reads the data every text needs. */
function loadProcessor(bundlePaths: readonly string[]): BundledProcessor {
  const load = createRequire(import.meta.url);
  return Object.assign({}, ...bundlePaths.map((bundlePath) => load(bundlePath) as object)) as BundledProcessor;
}

async function bundledProcessor(name: string): Promise<BundledProcessor> {
  return loadProcessor((await bundleProcessor(name)).bundlePaths);
}

beforeAll(async () => {
  await rm(OUT_DIR, { recursive: true, force: true });
}, 60_000);

describe('a bundle that analyses text', () => {
  it("detects a language with eld's n-grams read from beside the bundle", async () => {
    // Prepare
    const processor = await bundledProcessor('present');

    // Act
    const detected = processor.detectLanguage('Der Ausschuss hat den Haushalt nach langer Debatte gebilligt.');

    // Assess
    expect(detected.code).toBe('de');
  }, 60_000);

  it('scores German sentiment with the lexicon read from beside the bundle', async () => {
    // Prepare
    const processor = await bundledProcessor('present');

    // Act
    const sentiment = await processor.analyzeSentiment('Das Essen war wunderbar und der Service gut.', 'de');

    // Assess
    expect(sentiment.label).toBe('positive');
  }, 60_000);

  it('fails its init naming the missing data file when the folder was not shipped', async () => {
    // Prepare
    const { bundlePaths, bundleDir } = await bundleProcessor('missing');
    await rm(path.join(bundleDir, TEXT_ANALYSIS_DATA.to), { recursive: true });

    // Act
    const loading = () => loadProcessor(bundlePaths);

    // Assess
    expect(loading).toThrow(`${path.join(bundleDir, TEXT_ANALYSIS_DATA.to, 'eld-extrasmall.txt')} is missing`);
  }, 60_000);
});
