import { analyzeText, primeTextProcessor } from '#shared/agents/text-processor/text-processor';
import type { AnalyzeTextInput, TextAnalysis } from '#shared/domain/text-analysis';
import type { KnownNameLookup } from '#shared/ports/known-names';

export interface TextAnalysisDeps {
  readonly knownNames: KnownNameLookup;
}

/**
 * For an init that runs ahead of any request (`config().initializedAhead`, provisioned concurrency): one English
 * text through the processor, so the first request finds it compiled.
 */
export function primeTextAnalysis(): void {
  primeTextProcessor();
}

/** `POST /analyze/text`: one text read synchronously, linked to the names the graph knows; nothing is stored. */
export function analyzeSubmittedText(input: AnalyzeTextInput, deps: TextAnalysisDeps): Promise<TextAnalysis> {
  return analyzeText(
    input.text,
    { summary: input.summary, ...(input.domain !== undefined && { domain: input.domain }) },
    { knownNames: deps.knownNames },
  );
}
