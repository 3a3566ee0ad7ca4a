import * as z from 'zod/mini';

export type JsonSchema = Record<string, unknown>;

/** Where a named schema lives in the OpenAPI document. */
export const schemaRef = (name: string): string => `#/components/schemas/${name}`;

/** The JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a whole set of named schemas, `$ref`ing each other. */
export function namedJsonSchemas(
  named: Readonly<Record<string, z.ZodMiniType>>,
  io: 'input' | 'output',
  uri: (name: string) => string,
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, uri });
  const unnamed = Object.keys(schemas).filter((name) => !(name in named));
  // zod names recursive parts `__shared`, under a `$ref` no OpenAPI tool resolves.
  if (unnamed.length > 0) throw new Error(`Schemas for OpenAPI must not be recursive: ${unnamed.join(', ')}`);
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, embedded(schema)]));
}

/** One schema, inlined. */
export function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  return embedded(z.toJSONSchema(schema, { io }));
}

/**
 * Without the root keywords zod writes: a schema inside the document takes the document's dialect, and a
 * `$id` of a bare fragment is not allowed in 2020-12.
 */
function embedded(schema: JsonSchema): JsonSchema {
  const rest = { ...schema };
  delete rest.$schema;
  delete rest.$id;
  return rest;
}
