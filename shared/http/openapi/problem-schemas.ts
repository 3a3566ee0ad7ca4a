import * as z from 'zod/mini';

/** The RFC 9457 problem document every error response carries (see `problemResponse`). */
export const problemSchema = z
  .object({
    type: z.string().register(z.globalRegistry, {
      description: 'A relative URI naming the kind of problem, e.g. `/problems/not-found`',
    }),
    title: z.string(),
    status: z.int().check(z.gte(400), z.lte(599)),
    detail: z.string(),
    instance: z.string().register(z.globalRegistry, { description: 'The path of the request' }),
    requestId: z.string().register(z.globalRegistry, { description: 'Quote it when reporting a problem' }),
    errors: z
      .optional(z.array(z.object({ field: z.string(), message: z.string() })))
      .register(z.globalRegistry, { description: 'One entry per invalid field (400 only)' }),
  })
  .register(z.globalRegistry, { description: 'An RFC 9457 problem document' });
