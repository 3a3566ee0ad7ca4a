import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { conceptRoutes } from '#shared/http/knowledge-routes';
import { createHandler } from '#shared/http/versioned-create-handler';
import { createConcept } from '#shared/services/concepts';

/** POST /concepts: 201 with the new concept, where it lives and its ETag. */
export const handler = createHandler(httpFunctions.createConcept, conceptRoutes, (input) =>
  createConcept(input, knowledgeDeps()),
);
