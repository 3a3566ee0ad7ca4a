import * as z from 'zod';

/** The RFC 9457 problem document every error response carries (see `problemResponse`). */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A relative URI naming the kind of problem, e.g. `/problems/not-found`' }),
    title: z.string(),
    status: z.int().min(400).max(599),
    detail: z.string(),
    instance: z.string().meta({ description: 'The path of the request' }),
    requestId: z.string().meta({ description: 'Quote it when reporting a problem' }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'One entry per invalid field (400 only)' }),
  })
  .meta({ description: 'An RFC 9457 problem document' });
