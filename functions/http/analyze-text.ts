import { httpFunctions } from '#functions/manifest';
import { config } from '#shared/config';
import { documentKnowledgeStore } from '#shared/container/document-knowledge';
import { analyzeTextSchema, TEXT_ANALYSIS_LIMITS } from '#shared/domain/text-analysis';
import { readJsonBody } from '#shared/http/body';
import { httpFunction } from '#shared/http/http-function';
import { refuseQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { analyzeSubmittedText, primeTextAnalysis } from '#shared/services/text-analysis';

// Provisioned environments are initialised before any request: there the init readies the analysis too.
if (config().initializedAhead) primeTextAnalysis();

/** POST /analyze/text: one text's analysis, synchronously; the text is not stored. */
export const handler = httpFunction(httpFunctions.analyzeText, async (event) => {
  refuseQuery(event);
  const input = validate(analyzeTextSchema, readJsonBody(event, TEXT_ANALYSIS_LIMITS.maxBodyBytes), 'request body');
  const analysis = await analyzeSubmittedText(input, { knownNames: documentKnowledgeStore() });
  return json(200, analysis);
});
