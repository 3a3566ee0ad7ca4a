import type { GraphStore } from '#shared/ports/graph-store';
import type { VectorStore } from '#shared/ports/vector-store';

/**
 * Deletes a document everywhere: its chunks' vectors first, then its node (with the entities only it
 * mentioned), so a failure half-way leaves a node that a retry can still find and finish. Deleting what is
 * already gone succeeds: the caller can always retry.
 */
export async function deleteDocument(
  documentId: string,
  deps: { readonly graph: GraphStore; readonly vectors: VectorStore },
): Promise<{ existed: boolean }> {
  const document = await deps.graph.getDocument(documentId);
  if (document === undefined) return { existed: false };
  await deps.vectors.deleteDocument(document.domain, documentId);
  return { existed: await deps.graph.deleteDocument(documentId) };
}
