import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { httpFunctions, type HttpFunction } from '#functions/manifest';
import type { OperationSpec } from '#shared/http/openapi/operation';
import { operations } from '#shared/http/openapi/registry';
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

/** Every routed function with its OpenAPI operation, which says what body and query the route takes. */
const routed = Object.entries(operations as Readonly<Record<string, OperationSpec>>).map(([key, spec]) => ({
  key,
  spec,
  fn: (httpFunctions as Record<string, HttpFunction>)[key] as HttpFunction,
}));

describe('every sample request', () => {
  it.each(routed.filter(({ spec }) => spec.body !== undefined).map(({ key, spec, fn }) => [key, spec, fn] as const))(
    '%s is sent a body its route accepts, so its first event does the route’s work',
    (_key, spec, fn) => {
      // Act
      const request = sampleRequestFor(fn);

      // Assess
      const body = request.body ?? '';
      const parsed =
        spec.body?.mediaType === 'application/x-www-form-urlencoded'
          ? Object.fromEntries(new URLSearchParams(body))
          : (JSON.parse(body || 'null') as unknown);
      expect(request.contentType ?? 'application/json').toBe(spec.body?.mediaType);
      expect(z.safeParse(spec.body?.schema ?? z.never(), parsed).error?.issues).toBeUndefined();
    },
  );

  it.each(routed.filter(({ spec }) => spec.query !== undefined).map(({ key, spec, fn }) => [key, spec, fn] as const))(
    '%s is sent a query its route accepts',
    (_key, spec, fn) => {
      // Act
      const { query = {} } = sampleRequestFor(fn);

      // Assess
      expect(z.safeParse(spec.query ?? z.never(), query).error?.issues).toBeUndefined();
    },
  );
});

describe('sampleEventForHttpFunction', () => {
  it('sends the given credentials with the event', () => {
    // Act
    const event = sampleEventForHttpFunction(httpFunctions.getConcept, { authorization: 'Bearer abc' });

    // Assess
    expect(event.headers.authorization).toBe('Bearer abc');
  });
});
