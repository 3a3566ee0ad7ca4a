/** Sends up to this many `POST /concepts` at once: enough to overlap Neo4j's commits, few enough for one runtime. */
const CREATE_CONCURRENCY = 4;

/**
 * Creates `count` concepts through `POST /concepts` on the local runtime, as a client would, and returns their
 * ids in creation order. Each has a description of a few hundred characters, as a real concept might. Any
 * answer but 201 stops the bench: reads of concepts that do not exist would measure 404s.
 */
export async function createConcepts(baseUrl: string, authorization: string, count: number): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      ids[index] = await createConcept(baseUrl, authorization, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CREATE_CONCURRENCY, count) }, worker));
  return ids;
}

async function createConcept(baseUrl: string, authorization: string, index: number): Promise<string> {
  const response = await fetch(new URL('/concepts', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({
      name: `Bench concept ${index}`,
      description: 'A node of the knowledge graph, linked to documents and claims. '.repeat(5),
      domain: 'general',
      type: 'other',
    }),
  });
  const body = (await response.json()) as { id?: unknown };
  if (response.status !== 201 || typeof body.id !== 'string') {
    throw new Error(`POST /concepts answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.id;
}
