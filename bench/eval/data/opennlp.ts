import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Apache OpenNLP's own name-finder test data (Apache-2.0), from Maven Central's
 * `org.apache.opennlp:opennlp-tools:2.3.3:tests` jar: Voice of America news sentences (public domain)
 * annotated `<START:type> … <END>`. Downloaded once into `.cache/eval/`; read with `unzip`.
 */
const JAR_URL = 'https://repo1.maven.org/maven2/org/apache/opennlp/opennlp-tools/2.3.3/opennlp-tools-2.3.3-tests.jar';
const FILES = ['opennlp/tools/namefind/voa1.train', 'opennlp/tools/namefind/voa2.train'];

export interface LabelledSentence {
  readonly text: string;
  readonly entities: readonly { readonly start: number; readonly end: number; readonly type: string }[];
}

export async function voaSentences(cacheDir: string): Promise<LabelledSentence[]> {
  const jar = path.join(cacheDir, 'opennlp-tools-2.3.3-tests.jar');
  if (!existsSync(jar)) {
    await mkdir(cacheDir, { recursive: true });
    const response = await fetch(JAR_URL);
    if (!response.ok) throw new Error(`Maven Central answered ${response.status} for ${JAR_URL}`);
    await writeFile(jar, Buffer.from(await response.arrayBuffer()));
  }
  return FILES.flatMap((file) =>
    execFileSync('unzip', ['-p', jar, file], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map(parseAnnotated),
  );
}

/** `<START:person> Barack Obama <END> has arrived` → the text with single spaces and the entity offsets. */
export function parseAnnotated(line: string): LabelledSentence {
  const words: string[] = [];
  const entities: { start: number; end: number; type: string }[] = [];
  let length = 0;
  let open: { start: number; type: string } | undefined;
  for (const token of line.trim().split(/\s+/)) {
    const start = /^<START:([\w-]+)>$/.exec(token);
    if (start) {
      open = { start: length === 0 ? 0 : length + 1, type: start[1] ?? '' };
      continue;
    }
    if (token === '<END>') {
      if (open) entities.push({ start: open.start, end: length, type: open.type });
      open = undefined;
      continue;
    }
    length += (words.length === 0 ? 0 : 1) + token.length;
    words.push(token);
  }
  return { text: words.join(' '), entities };
}
