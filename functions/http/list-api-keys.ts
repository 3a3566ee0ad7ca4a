import { httpFunctions } from '#functions/manifest';
import { apiKeyStore, userStore } from '#shared/container/identity';
import { httpFunction } from '#shared/http/http-function';
import { requirePrincipal } from '#shared/http/request-state';
import { readQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { keyListParametersSchema, listKeysOf } from '#shared/services/api-keys';

/** GET /api-keys?owner=&limit=&cursor=: one page of the caller's keys (an admin may name another owner), never a key or its hash. */
export const handler = httpFunction(httpFunctions.listApiKeys, async (event, context) => {
  const query = readQuery(event, keyListParametersSchema);
  const page = await listKeysOf(requirePrincipal(context), query, { apiKeys: apiKeyStore(), users: userStore() });
  return json(200, page, { 'cache-control': 'no-store' });
});
