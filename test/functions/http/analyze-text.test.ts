import { describe, expect, it } from 'vitest';
import { handler } from '#functions/http/analyze-text';
import { httpFunctions } from '#functions/manifest';
import { knowledgeStore } from '#shared/container/knowledge';
import { newConcept, newConceptId } from '#shared/domain/concepts';
import { TEXT_ANALYSIS_LIMITS } from '#shared/domain/text-analysis';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

const post = async (body: string, options: { contentType?: string; path?: string } = {}) =>
  handler(
    httpEvent({
      method: 'POST',
      path: options.path ?? '/analyze/text',
      body,
      headers: { 'content-type': options.contentType ?? 'application/json', ...(await authHeaders('viewer')) },
    }),
    lambdaContext(httpFunctions.analyzeText),
  );

const TEXT =
  'Euclid wrote the Elements in Alexandria. The Elements taught geometry for two thousand years. ' +
  'Geometry became the model of a proof.';

describe('POST /analyze/text', () => {
  it('answers a viewer with the analysis, linked to the graph’s concepts', async () => {
    // Prepare
    const geometry = newConcept({ name: 'Geometry', domain: 'mathematics', type: 'idea' }, newConceptId(), new Date());
    await knowledgeStore().concepts.create(geometry);

    // Act
    const result = await post(JSON.stringify({ text: TEXT, domain: 'mathematics', summary: { sentences: 1 } }));

    // Assess
    expect(result.statusCode).toBe(200);
    const body = jsonBody(result) as {
      language: { code: string };
      concepts: { linkedId?: string }[];
      summary: { sentences: number };
    };
    expect(body.language.code).toBe('en');
    expect(body.concepts[0]?.linkedId).toBe(geometry.id);
    expect(body.summary.sentences).toBe(1);
  });

  it('keeps the summary within the words asked for', async () => {
    // Act
    const result = await post(JSON.stringify({ text: TEXT, summary: { words: 3 } }));

    // Assess
    expect((jsonBody(result) as { summary: { words: number } }).summary.words).toBeLessThanOrEqual(3);
  });

  it('refuses an empty text with a 400 naming the field', async () => {
    const problem = expectProblem(await post(JSON.stringify({ text: '' })), 400);
    expect(problem.errors?.map((error) => error.field)).toEqual(['text']);
  });

  it('refuses a text of white space only', async () => {
    const problem = expectProblem(await post(JSON.stringify({ text: ' \n\t ' })), 400);
    expect(problem.errors?.map((error) => error.field)).toEqual(['text']);
  });

  it('refuses a text over the limit with a 400 naming the field', async () => {
    const text = 'a'.repeat(TEXT_ANALYSIS_LIMITS.maxTextLength + 1);
    const problem = expectProblem(await post(JSON.stringify({ text })), 400);
    expect(problem.errors?.map((error) => error.field)).toEqual(['text']);
  });

  it('refuses a body over the byte limit with 413 before reading it', async () => {
    const text = '\u0001'.repeat(TEXT_ANALYSIS_LIMITS.maxBodyBytes);
    expectProblem(await post(JSON.stringify({ text })), 413);
  });

  it('refuses a text that is not a string', async () => {
    const problem = expectProblem(await post(JSON.stringify({ text: 42 })), 400);
    expect(problem.errors?.map((error) => error.field)).toEqual(['text']);
  });

  it('refuses an unknown field', async () => {
    const problem = expectProblem(await post(JSON.stringify({ text: TEXT, model: 'gpt' })), 400);
    expect(problem.detail).toContain('model');
  });

  it.each([
    [{ sentences: 0 }],
    [{ words: TEXT_ANALYSIS_LIMITS.maxSummaryWords + 1 }],
    [{ sentences: 2, words: 10 }],
    [{ sentences: 1.5 }],
    ['short'],
  ])('refuses the summary length %j', async (summary) => {
    expectProblem(await post(JSON.stringify({ text: TEXT, summary })), 400);
  });

  it('refuses an unknown domain', async () => {
    const problem = expectProblem(await post(JSON.stringify({ text: TEXT, domain: 'astrology' })), 400);
    expect(problem.errors?.map((error) => error.field)).toEqual(['domain']);
  });

  it('refuses malformed JSON', async () => {
    expectProblem(await post('{"text": '), 400);
  });

  it('refuses a body that is not JSON with 415', async () => {
    expectProblem(await post('text=hello', { contentType: 'text/plain' }), 415);
  });

  it('refuses a body that is a JSON array', async () => {
    expectProblem(await post(JSON.stringify([TEXT])), 400);
  });
});
