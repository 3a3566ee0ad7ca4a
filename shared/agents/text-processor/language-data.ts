import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The folder of the processor's data files (eld's n-grams, the sentiment lexicons), written by `npm run
 * build:language-data`. It sits beside this module in the project, and beside the bundle in a Lambda function:
 * the bundling copies it there and defines `import.meta.dirname` as the bundle's folder (infra/aws/bundling.ts),
 * so this one path finds it locally, in tests, in the bench's bundles and in the cloud.
 */
export const LANGUAGE_DATA_FOLDER = 'language-data';

/** A data file the processor needs is not where the build puts it: a broken build or deployment, not bad input. */
export class LanguageDataMissingError extends Error {
  override name = 'LanguageDataMissingError';
  constructor(file: string, options?: ErrorOptions) {
    super(
      `The text processor's data file ${file} is missing: \`npm run build:language-data\` writes it, and the ` +
        `Lambda bundling copies its folder beside the bundle (infra/aws/bundling.ts, TEXT_ANALYSIS_DATA)`,
      options,
    );
  }
}

/** The text of the data file `name`, read on first use: not parsed as JavaScript at import. */
export async function readLanguageData(name: string, folder = languageDataDir()): Promise<string> {
  const file = path.join(folder, name);
  return readFile(file, 'utf8').catch((error: unknown) => {
    throw asMissing(file, error);
  });
}

/** The same, read at once: for what the processor loads with its module (every text needs it). */
export function readLanguageDataSync(name: string, folder = languageDataDir()): string {
  const file = path.join(folder, name);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw asMissing(file, error);
  }
}

/** A file that is not there as `LanguageDataMissingError`; any other failure as it was. */
function asMissing(file: string, error: unknown): unknown {
  return (error as NodeJS.ErrnoException).code === 'ENOENT'
    ? new LanguageDataMissingError(file, { cause: error })
    : error;
}

/** Where the data files are read from. */
export function languageDataDir(): string {
  return path.join(import.meta.dirname, LANGUAGE_DATA_FOLDER);
}
