import { describe, expect, it } from 'vitest';
import { httpFunctions } from '#functions/manifest';
import { openHttpFunction } from '#shared/http/open-http-function';
import { json } from '#shared/http/responses';

const handler = () => Promise.resolve(json(200, { ok: true }));

describe('openHttpFunction', () => {
  it('serves a public route that touches no store', () => {
    // Act
    const make = () => openHttpFunction(httpFunctions.fallback, handler);

    // Assess
    expect(make).not.toThrow();
  });

  it.each([
    ['a route that needs credentials', httpFunctions.listUsers],
    ['a public route that reads tables', httpFunctions.issueToken],
    ['a public route that reaches the graph', { ...httpFunctions.openapi, uses: { graph: true } }],
  ])('refuses %s, which needs the full stack', (_case, fn) => {
    // Act
    const make = () => openHttpFunction(fn, handler);

    // Assess
    expect(make).toThrow(/use httpFunction/);
  });
});
