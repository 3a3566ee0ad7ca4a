import { httpFunctions } from '#functions/manifest';
import { userStore } from '#shared/container/identity';
import { httpFunction } from '#shared/http/http-function';
import { readQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { listAccounts, userListParametersSchema } from '#shared/services/user-accounts';

/** GET /users?limit=&cursor=: one page of accounts; follow `nextCursor` for the next. */
export const handler = httpFunction(httpFunctions.listUsers, async (event) => {
  const query = readQuery(event, userListParametersSchema);
  const page = await listAccounts(userStore(), query);
  return json(200, page, { 'cache-control': 'no-store' });
});
