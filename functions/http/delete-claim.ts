import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { claimRoutes } from '#shared/http/knowledge-routes';
import { deleteHandler } from '#shared/http/versioned-handlers';
import { deleteClaim } from '#shared/services/claims';

/** DELETE /claims/{claimId}: 204, its evidence with it; a claim other claims or documents link to is kept (409). */
export const handler = deleteHandler(httpFunctions.deleteClaim, claimRoutes, (id) => deleteClaim(id, knowledgeDeps()));
