import { describe, expect, it } from 'vitest';
import {
  applyConceptChanges,
  compareRelations,
  CONCEPT_LIMITS,
  conceptIdSchema,
  conceptInUse,
  conceptListQuerySchema,
  conceptPage,
  createConceptSchema,
  newConcept,
  newConceptId,
  relateConceptsSchema,
  resolveConceptQuery,
  updateConceptSchema,
  type Concept,
} from '#shared/domain/concepts';
import { ValidationError } from '#shared/errors';

const at = new Date('2030-01-02T03:04:05.678Z');

function concept(name: string): Concept {
  return newConcept({ name, domain: 'general', type: 'idea' }, newConceptId(), at);
}

describe('concept ids', () => {
  it('are con_ and 22 url-safe characters', () => {
    // Act
    const id = newConceptId();

    // Assess
    expect(id).toMatch(/^con_[A-Za-z0-9_-]{22}$/);
  });

  it('differ each time', () => {
    // Act
    const ids = new Set(Array.from({ length: 100 }, newConceptId));

    // Assess
    expect(ids.size).toBe(100);
  });

  it.each(['', 'con_short', 'clm_AAAAAAAAAAAAAAAAAAAA', "con_AAAAAAAAAAAAAAAA'}) //", `con_${'A'.repeat(65)}`])(
    'refuse %j',
    (id) => {
      // Act
      const parsed = conceptIdSchema.safeParse(id);

      // Assess
      expect(parsed.success).toBe(false);
    },
  );
});

describe('the create concept body', () => {
  it('defaults the domain to general and the type to other', () => {
    // Act
    const input = createConceptSchema.parse({ name: '  Yggdrasil  ' });

    // Assess
    expect(input).toEqual({ name: 'Yggdrasil', domain: 'general', type: 'other' });
  });

  it.each([
    ['a missing name', {}, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a name of the wrong type', { name: 42 }, 'name'],
    ['a name that is too long', { name: 'x'.repeat(CONCEPT_LIMITS.maxNameLength + 1) }, 'name'],
    ['a description that is too long', { name: 'a', description: 'x'.repeat(5_001) }, 'description'],
    ['an unknown domain', { name: 'a', domain: 'astrology' }, 'domain'],
    ['an unknown type', { name: 'a', type: 'deity' }, 'type'],
    ['an unknown level', { name: 'a', level: 'future' }, 'level'],
    ['an id, which the server makes', { name: 'a', id: newConceptId() }, ''],
    ['an unknown field', { name: 'a', colour: 'green' }, ''],
  ])('refuses %s', (_case, body, field) => {
    // Act
    const parsed = createConceptSchema.safeParse(body);

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(field);
  });

  it('accepts an empty description', () => {
    // Act
    const parsed = createConceptSchema.safeParse({ name: 'a', description: '' });

    // Assess
    expect(parsed.success).toBe(true);
  });
});

describe('the update concept body', () => {
  it('keeps only the fields it was given', () => {
    // Act
    const patch = updateConceptSchema.parse({ type: 'theory' });

    // Assess
    expect(patch).toEqual({ type: 'theory' });
  });

  it('takes null as removing an optional field', () => {
    // Act
    const patch = updateConceptSchema.parse({ description: null, level: null });

    // Assess
    expect(patch).toEqual({ description: null, level: null });
  });

  it.each([
    ['an empty patch', {}],
    ['a null name', { name: null }],
    ['a version, which the server keeps', { version: 3 }],
    ['an unknown field', { colour: 'green' }],
    ['a name that is too long', { name: 'x'.repeat(201) }],
  ])('refuses %s', (_case, body) => {
    // Act
    const parsed = updateConceptSchema.safeParse(body);

    // Assess
    expect(parsed.success).toBe(false);
  });
});

describe('the relate body', () => {
  it('defaults the strength to 1', () => {
    // Prepare
    const to = newConceptId();

    // Act
    const input = relateConceptsSchema.parse({ to, type: 'is_a' });

    // Assess
    expect(input).toEqual({ to, type: 'is_a', strength: 1 });
  });

  it.each([
    ['a relation type outside the list', { type: 'RELATES_TO]->(x) DELETE x //' }],
    ['a strength above 1', { type: 'is_a', strength: 1.5 }],
    ['a strength given as text', { type: 'is_a', strength: '0.5' }],
    ['a target that is not a concept id', { type: 'is_a', to: 'doc_1' }],
    ['an unknown field', { type: 'is_a', weight: 1 }],
  ])('refuses %s', (_case, body) => {
    // Act
    const parsed = relateConceptsSchema.safeParse({ to: newConceptId(), ...body });

    // Assess
    expect(parsed.success).toBe(false);
  });
});

describe('the concept list query', () => {
  it('reads the limit from its query-string text and defaults it', () => {
    // Act
    const parsed = [conceptListQuerySchema.parse({ limit: '7' }), conceptListQuerySchema.parse({})];

    // Assess
    expect(parsed.map((query) => query.limit)).toEqual([7, CONCEPT_LIMITS.defaultPageSize]);
  });

  it.each([
    ['a limit of 0', { limit: '0' }],
    ['a limit above 100', { limit: '101' }],
    ['a limit that is not a number', { limit: 'ten' }],
    ['an empty search', { nameContains: ' ' }],
    ['a search that is too long', { nameContains: 'x'.repeat(201) }],
    ['an empty cursor', { cursor: '' }],
    ['an unknown parameter', { sort: 'name' }],
  ])('refuses %s', (_case, query) => {
    // Act
    const parsed = conceptListQuerySchema.safeParse(query);

    // Assess
    expect(parsed.success).toBe(false);
  });
});

describe('concept pages', () => {
  it('carry a cursor when more rows were found than the page holds', () => {
    // Prepare
    const rows = [concept('a'), concept('b'), concept('c')];

    // Act
    const page = conceptPage(rows, { limit: 2 });

    // Assess
    expect(page.items).toEqual(rows.slice(0, 2));
    expect(resolveConceptQuery({ limit: 2, cursor: page.nextCursor }).after).toEqual({ name: 'b', id: rows[1]?.id });
  });

  it('carry no cursor on the last page', () => {
    // Prepare
    const rows = [concept('a')];

    // Act
    const page = conceptPage(rows, { limit: 2 });

    // Assess
    expect(page).toStrictEqual({ items: rows });
  });

  it('refuse a cursor issued for another name search', () => {
    // Prepare
    const { nextCursor } = conceptPage([concept('a'), concept('b')], { nameContains: 'a', limit: 1 });

    // Act
    const resolve = () => resolveConceptQuery({ nameContains: 'b', limit: 1, cursor: nextCursor });

    // Assess
    expect(resolve).toThrow(ValidationError);
  });

  it('refuse a cursor whose position is not a concept', () => {
    // Prepare
    const forged = Buffer.from(JSON.stringify({ v: 1, q: 'x', p: { name: 'a', id: 'clm_1' } })).toString('base64url');

    // Act
    const resolve = () => resolveConceptQuery({ limit: 1, cursor: forged });

    // Assess
    expect(resolve).toThrow(ValidationError);
  });
});

describe('applying concept changes', () => {
  it('changes the given fields, removes the nulled ones and bumps the version', () => {
    // Prepare
    const original = newConcept(
      { name: 'Ask', description: 'A tree', domain: 'religion', type: 'idea', level: 'ancient' },
      newConceptId(),
      at,
    );

    // Act
    const changed = applyConceptChanges(original, { name: 'Ash', level: null, updatedAt: '2031-01-01T00:00:00.000Z' });

    // Assess
    const { id, description, domain, type, createdAt } = original;
    expect(changed).toStrictEqual({
      id,
      name: 'Ash',
      description,
      domain,
      type,
      createdAt,
      updatedAt: '2031-01-01T00:00:00.000Z',
      version: 2,
    });
  });
});

describe('a concept in use', () => {
  it('is described by its links, relations first', () => {
    // Act
    const detail = conceptInUse('con_x', { relations: 2, documents: 1, others: 0 });

    // Assess
    expect(detail).toBe(
      "Concept 'con_x' is still linked (2 relations to other concepts, 1 document that contains it): remove its 2 relations first",
    );
  });

  it('is not in use without links', () => {
    // Act
    const detail = conceptInUse('con_x', { relations: 0, documents: 0, others: 0 });

    // Assess
    expect(detail).toBeUndefined();
  });
});

describe('relations', () => {
  it('sort by from, to, then type', () => {
    // Prepare
    const relations = [
      { from: 'con_b', to: 'con_a', type: 'is_a', strength: 1 },
      { from: 'con_a', to: 'con_b', type: 'part_of', strength: 1 },
      { from: 'con_a', to: 'con_b', type: 'causes', strength: 1 },
    ] as const;

    // Act
    const sorted = [...relations].sort(compareRelations);

    // Assess
    expect(sorted.map((relation) => `${relation.from}>${relation.to}:${relation.type}`)).toEqual([
      'con_a>con_b:causes',
      'con_a>con_b:part_of',
      'con_b>con_a:is_a',
    ]);
  });
});
