import { writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';

/** Writes `text` as Prettier would format it, so `npm run lint` accepts the committed results. Returns what was written. */
export async function writeFormatted(file: string, text: string): Promise<string> {
  const options = await resolveConfig(file);
  const formatted = await format(text, { ...options, filepath: file });
  await writeFile(file, formatted);
  return formatted;
}
