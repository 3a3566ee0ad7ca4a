import { describe, expect, it } from 'vitest';
import { httpFunctions } from '#functions/manifest';
import { claimIdSchema } from '#shared/domain/claims';
import { conceptIdSchema } from '#shared/domain/concepts';
import { sampleEventForHttpFunction, sampleRequestFor } from '../../bench/sample-events.ts';

describe('sampleRequestFor', () => {
  it('fills a concept id parameter with a well-formed id, so the route looks it up instead of refusing it', () => {
    // Act
    const { path } = sampleRequestFor(httpFunctions.getConcept);

    // Assess
    expect(conceptIdSchema.safeParse(path.split('/')[2]).success).toBe(true);
  });

  it('fills a claim id parameter with a well-formed claim id', () => {
    // Act
    const { path } = sampleRequestFor(httpFunctions.getClaim);

    // Assess
    expect(claimIdSchema.safeParse(path.split('/')[2]).success).toBe(true);
  });

  it('gives POST /concepts a body, so its first event creates a concept', () => {
    // Act
    const { body } = sampleRequestFor(httpFunctions.createConcept);
    const { name } = JSON.parse(body ?? '{}') as { name?: unknown };

    // Assess
    expect(typeof name).toBe('string');
  });
});

describe('sampleEventForHttpFunction', () => {
  it('sends the given credentials with the event', () => {
    // Act
    const event = sampleEventForHttpFunction(httpFunctions.getConcept, { authorization: 'Bearer abc' });

    // Assess
    expect(event.headers.authorization).toBe('Bearer abc');
  });
});
