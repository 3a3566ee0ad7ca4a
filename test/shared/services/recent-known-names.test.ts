import { describe, expect, it } from 'vitest';
import type { Domain } from '#shared/domain/documents';
import type { KnownName } from '#shared/domain/text-analysis';
import type { KnownNameLookup } from '#shared/ports/known-names';
import { recentKnownNames } from '#shared/services/recent-known-names';

/** A lookup that counts its reads and answers each with the domain's one concept, or fails while `failing`. */
function countingLookup(): KnownNameLookup & { reads: (Domain | undefined)[]; failing: boolean } {
  const lookup = {
    reads: [] as (Domain | undefined)[],
    failing: false,
    knownNames(domain?: Domain): Promise<readonly KnownName[]> {
      lookup.reads.push(domain);
      if (lookup.failing) return Promise.reject(new Error('graph down'));
      return Promise.resolve([
        { kind: 'concept', id: `con_${domain ?? 'all'}`, name: 'Tree', domain: domain ?? 'general' },
      ]);
    },
  };
  return lookup;
}

describe('recentKnownNames', () => {
  it('reads a domain once for every analysis within the reuse time, concurrent ones included', async () => {
    // Prepare
    const lookup = countingLookup();
    let now = 0;
    const names = recentKnownNames(lookup, 1000, () => now);

    // Act
    const answers = await Promise.all([names.knownNames('science'), names.knownNames('science')]);
    now = 999;
    answers.push(await names.knownNames('science'));

    // Assess
    expect(lookup.reads).toEqual(['science']);
    expect(answers.map((answer) => answer[0]?.id)).toEqual(['con_science', 'con_science', 'con_science']);
  });

  it('reads the graph again once the reuse time has passed', async () => {
    // Prepare
    const lookup = countingLookup();
    let now = 0;
    const names = recentKnownNames(lookup, 1000, () => now);
    await names.knownNames('science');

    // Act
    now = 1000;
    await names.knownNames('science');

    // Assess
    expect(lookup.reads).toEqual(['science', 'science']);
  });

  it('keeps each domain, and every domain at once, apart', async () => {
    // Prepare
    const lookup = countingLookup();
    const names = recentKnownNames(lookup, 1000, () => 0);

    // Act
    await names.knownNames('science');
    await names.knownNames('history');
    await names.knownNames();

    // Assess
    expect(lookup.reads).toEqual(['science', 'history', undefined]);
  });

  it('does not keep a failed read: the next analysis asks the graph again', async () => {
    // Prepare
    const lookup = countingLookup();
    const names = recentKnownNames(lookup, 1000, () => 0);
    lookup.failing = true;
    await expect(names.knownNames('science')).rejects.toThrow('graph down');
    lookup.failing = false;

    // Act
    const answer = await names.knownNames('science');

    // Assess
    expect(answer[0]?.id).toBe('con_science');
    expect(lookup.reads).toEqual(['science', 'science']);
  });
});
