import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { conceptRoutes } from '#shared/http/knowledge-routes';
import { updateHandler } from '#shared/http/versioned-handlers';
import { updateConcept } from '#shared/services/concepts';

/** PATCH /concepts/{conceptId}: changes the given fields; `If-Match: "<version>"` makes it conditional (412). */
export const handler = updateHandler(httpFunctions.updateConcept, conceptRoutes, (change) =>
  updateConcept(change, knowledgeDeps()),
);
