import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { conceptRoutes } from '#shared/http/knowledge-routes';
import { deleteHandler } from '#shared/http/versioned-handlers';
import { deleteConcept } from '#shared/services/concepts';

/** DELETE /concepts/{conceptId}: 204; a concept still related or contained is kept (409 says by what). */
export const handler = deleteHandler(httpFunctions.deleteConcept, conceptRoutes, (id) =>
  deleteConcept(id, knowledgeDeps()),
);
