import { describe, expect, it } from 'vitest';
import { handler as getDocument } from '#functions/http/get-document';
import { handler as getDomain } from '#functions/http/get-domain';
import { handler as listDocuments } from '#functions/http/list-documents';
import { httpFunctions } from '#functions/manifest';
import { documentKnowledgeStore } from '#shared/container/document-knowledge';
import { graphStore } from '#shared/container/graph';
import { toKnowledgeDocument, type KnowledgeDocument } from '#shared/domain/documents';
import type { HttpHandler } from '#shared/http/http-function';
import { learnFromDocument } from '#shared/services/document-knowledge';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

async function get(
  handler: HttpHandler,
  key: 'getDocument' | 'getDomain' | 'listDocuments',
  request: { path: string; pathParameters?: Record<string, string>; query?: Record<string, string> },
) {
  const query = new URLSearchParams(request.query).toString();
  const event = httpEvent({
    method: 'GET',
    path: request.path,
    headers: await authHeaders('viewer'),
    ...(request.pathParameters && { pathParameters: request.pathParameters }),
  });
  return handler(
    { ...event, ...(request.query && { rawQueryString: query, queryStringParameters: request.query }) },
    lambdaContext(httpFunctions[key]),
  );
}

async function processed(title: string, text: string, domain: KnowledgeDocument['domain'] = 'history') {
  const document = toKnowledgeDocument({ title, text, domain });
  await (await graphStore()).saveDocument(document);
  await learnFromDocument(document, { knowledge: documentKnowledgeStore() });
  return document;
}

describe('GET /documents/{documentId}', () => {
  it('answers a processed document with its summary, entities and sentiment', async () => {
    // Prepare
    const document = await processed('Rome', 'Julius Caesar crossed the Rubicon. Rome was never the same again.');

    // Act
    const result = await get(getDocument, 'getDocument', {
      path: `/documents/${document.id}`,
      pathParameters: { documentId: document.id },
    });

    // Assess
    expect(result.statusCode).toBe(200);
    const body = jsonBody(result) as { language: { code: string }; entities: { name: string }[]; summary: string };
    expect(body.language.code).toBe('en');
    expect(body.entities.map((entity) => entity.name)).toContain('Julius Caesar');
    expect(body.summary.length).toBeGreaterThan(0);
  });

  it('answers 404 for a document the graph does not hold', async () => {
    const documentId = `doc_${'a'.repeat(32)}`;
    expectProblem(
      await get(getDocument, 'getDocument', { path: `/documents/${documentId}`, pathParameters: { documentId } }),
      404,
    );
  });

  it('refuses a malformed document id with 400', async () => {
    const problem = expectProblem(
      await get(getDocument, 'getDocument', { path: '/documents/x', pathParameters: { documentId: 'x' } }),
      400,
    );
    expect(problem.detail).toContain('document id');
  });
});

describe('GET /documents', () => {
  it('lists the documents of one language', async () => {
    // Prepare
    const english = await processed('Athens', 'Pericles led Athens during its golden age of art and philosophy.');
    await processed('Sparta', 'Leónidas fue rey de Esparta y murió en la batalla de las Termópilas.');

    // Act
    const result = await get(listDocuments, 'listDocuments', { path: '/documents', query: { language: 'en' } });

    // Assess
    const page = jsonBody(result) as { items: { id: string }[] };
    expect(page.items.map((item) => item.id)).toEqual([english.id]);
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ language: 'english' }, 'language'],
    [{ domain: 'astrology' }, 'domain'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    [{ color: 'red' }, 'color'],
  ])('refuses the query %j naming %s', async (query, field) => {
    const problem = expectProblem(await get(listDocuments, 'listDocuments', { path: '/documents', query }), 400);
    expect(JSON.stringify(problem)).toContain(field);
  });
});

describe('GET /domains/{domain}', () => {
  it('counts the documents and entities of a domain', async () => {
    // Prepare
    await processed('Carthage', 'Hannibal crossed the Alps with elephants to fight Rome.', 'history');

    // Act
    const result = await get(getDomain, 'getDomain', {
      path: '/domains/history',
      pathParameters: { domain: 'history' },
    });

    // Assess
    expect(jsonBody(result)).toMatchObject({ domain: 'history', documents: 1, claims: 0, concepts: 0 });
    expect((jsonBody(result) as { entities: number }).entities).toBeGreaterThan(0);
  });

  it('refuses an unknown domain with 400', async () => {
    expectProblem(
      await get(getDomain, 'getDomain', { path: '/domains/astrology', pathParameters: { domain: 'astrology' } }),
      400,
    );
  });
});
