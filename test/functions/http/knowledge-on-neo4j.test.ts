import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetConfig } from '#shared/config';
import { graphStore } from '#shared/container/graph';
import { knowledgeStore } from '#shared/container/knowledge';
import { closeContainer } from '#shared/container/lifecycle';
import type { Claim, ClaimPage, Evidence } from '#shared/domain/claims';
import type { Concept, ConceptPage } from '#shared/domain/concepts';
import { neo4jTestSettings } from '../../shared/adapters/neo4j/neo4j-env.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';
import { claimApi as claims, conceptApi as concepts, useRoleHeaders } from './knowledge-requests.ts';

/** The knowledge routes on the real Neo4j the test services started; everything else stays embedded in memory. */
const settings = neo4jTestSettings();

const roles = useRoleHeaders();

beforeAll(async () => {
  await closeContainer();
  vi.stubEnv('YGG_IN_MEMORY', 'true');
  vi.stubEnv('NEO4J_URI', settings.uri);
  vi.stubEnv('NEO4J_USERNAME', settings.username);
  vi.stubEnv('NEO4J_PASSWORD', settings.password);
  for (const name of ['NEO4J_SECRET_ID', 'NEO4J_DATABASE', 'PROGRESS_TABLE', 'CACHE_TABLE', 'AUDIT_TABLE']) {
    vi.stubEnv(name, undefined);
  }
  resetConfig();
  // The runtime migrates the graph on start; the knowledge store relies on its uniqueness constraints.
  await (await graphStore()).migrate();
});

afterAll(async () => {
  await closeContainer();
  vi.unstubAllEnvs();
  resetConfig();
});

/** Names and texts no other test on the shared server uses, so list filters see only this test's nodes. */
const unique = () => `w${randomUUID().replaceAll('-', '')}`;

describe('the knowledge routes on Neo4j', () => {
  it('run on the Neo4j adapter', () => {
    expect(knowledgeStore().adapter).toBe('neo4j');
  });

  it('take a concept from creation through relations to deletion', async () => {
    // Create, read, change, list.
    const word = unique();
    const created = await concepts.create({
      headers: roles.editor,
      body: { name: `Yggdrasil ${word}`, domain: 'religion' },
    });
    expect(created.statusCode).toBe(201);
    const tree = jsonBody(created) as Concept;
    const fetched = await concepts.get({ headers: roles.viewer, pathParameters: { conceptId: tree.id } });
    expect(jsonBody(fetched)).toEqual(tree);
    expect(fetched.headers.etag).toBe('"1"');
    const updated = await concepts.update({
      headers: { ...roles.editor, 'if-match': '"1"' },
      pathParameters: { conceptId: tree.id },
      body: { description: 'The world tree' },
    });
    expect(jsonBody(updated)).toMatchObject({ description: 'The world tree', version: 2 });
    expect(updated.headers.etag).toBe('"2"');
    const listed = jsonBody(
      await concepts.list({ headers: roles.viewer, query: { nameContains: word } }),
    ) as ConceptPage;
    expect(listed.items).toEqual([jsonBody(updated)]);

    // Relate, and be refused the delete while related.
    const well = jsonBody(await concepts.create({ headers: roles.editor, body: { name: `Well ${word}` } })) as Concept;
    const related = await concepts.relate({
      headers: roles.editor,
      pathParameters: { conceptId: well.id },
      body: { to: tree.id, type: 'part_of', strength: 0.5 },
    });
    expect(related.statusCode).toBe(201);
    expect(
      jsonBody(await concepts.relations({ headers: roles.viewer, pathParameters: { conceptId: tree.id } })),
    ).toEqual({
      items: [{ from: well.id, to: tree.id, type: 'part_of', strength: 0.5 }],
    });
    expectProblem(await concepts.delete({ headers: roles.admin, pathParameters: { conceptId: tree.id } }), 409);

    // Unrelate, then delete.
    const unrelated = await concepts.unrelate({
      headers: roles.editor,
      pathParameters: { conceptId: well.id, relationType: 'part_of', targetId: tree.id },
    });
    expect(unrelated.statusCode).toBe(204);
    expect((await concepts.delete({ headers: roles.admin, pathParameters: { conceptId: tree.id } })).statusCode).toBe(
      204,
    );
    expectProblem(await concepts.get({ headers: roles.viewer, pathParameters: { conceptId: tree.id } }), 404);
  });

  it('take a claim from creation through its evidence to deletion', async () => {
    const word = unique();
    const created = await claims.create({
      headers: roles.editor,
      body: { text: `Nine worlds ${word}`, domain: 'religion' },
    });
    expect(created.statusCode).toBe(201);
    const worlds = jsonBody(created) as Claim;
    expect(jsonBody(await claims.get({ headers: roles.viewer, pathParameters: { claimId: worlds.id } }))).toEqual(
      worlds,
    );
    const updated = await claims.update({
      headers: { ...roles.editor, 'if-match': '"1"' },
      pathParameters: { claimId: worlds.id },
      body: { verified: true, confidence: 0.9 },
    });
    expect(jsonBody(updated)).toMatchObject({ verified: true, confidence: 0.9, version: 2 });
    const listed = jsonBody(
      await claims.list({ headers: roles.viewer, query: { textContains: word, verified: 'true' } }),
    );
    expect((listed as ClaimPage).items.map((item) => item.id)).toEqual([worlds.id]);

    const added = await claims.addEvidence({
      headers: roles.editor,
      pathParameters: { claimId: worlds.id },
      body: { text: 'Voluspa', source: 'https://example.org/edda', confidence: 0.7 },
    });
    expect(added.statusCode).toBe(201);
    const evidence = jsonBody(added) as Evidence;
    expect(jsonBody(await claims.evidence({ headers: roles.viewer, pathParameters: { claimId: worlds.id } }))).toEqual({
      items: [evidence],
    });

    expect((await claims.delete({ headers: roles.admin, pathParameters: { claimId: worlds.id } })).statusCode).toBe(
      204,
    );
    expectProblem(await claims.get({ headers: roles.viewer, pathParameters: { claimId: worlds.id } }), 404);
    expectProblem(await claims.evidence({ headers: roles.viewer, pathParameters: { claimId: worlds.id } }), 404);
  });

  it('answers 412 for a stale If-Match and keeps the stored version', async () => {
    // Prepare
    const tree = jsonBody(
      await concepts.create({ headers: roles.editor, body: { name: `Yggdrasil ${unique()}` } }),
    ) as Concept;
    await concepts.update({ headers: roles.editor, pathParameters: { conceptId: tree.id }, body: { name: 'Askr' } });

    // Act
    const result = await concepts.update({
      headers: { ...roles.editor, 'if-match': '"1"' },
      pathParameters: { conceptId: tree.id },
      body: { name: 'Embla' },
    });

    // Assess
    expectProblem(result, 412);
    expect(await knowledgeStore().concepts.get(tree.id)).toMatchObject({ name: 'Askr', version: 2 });
  });

  it('stores a name that looks like a Cypher injection literally', async () => {
    const name = `x'}) MATCH (n) DETACH DELETE n // ${unique()}`;
    const created = jsonBody(await concepts.create({ headers: roles.editor, body: { name } })) as Concept;
    expect(await knowledgeStore().concepts.get(created.id)).toMatchObject({ name });
  });
});
