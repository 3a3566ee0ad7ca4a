import { httpFunctions } from '#functions/manifest';
import { userStore } from '#shared/container/identity';
import { usernameSchema } from '#shared/domain/users';
import { readJsonBody } from '#shared/http/body';
import { httpFunction } from '#shared/http/http-function';
import { refuseQuery } from '#shared/http/query';
import { audit, requirePrincipal } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { ACCOUNT_BODY_MAX_BYTES, updateAccount, userUpdateSchema } from '#shared/services/user-accounts';

/** PATCH /users/{username}: changes an account's role, its disabled flag, or both. */
export const handler = httpFunction(httpFunctions.updateUser, async (event, context) => {
  refuseQuery(event);
  const username = validate(usernameSchema, event.pathParameters?.username, 'username in the path');
  const update = validate(userUpdateSchema, readJsonBody(event, ACCOUNT_BODY_MAX_BYTES), 'request body');
  const { user, changes } = await updateAccount(
    userStore(),
    { actor: requirePrincipal(context).username, username, ...update },
    new Date(),
  );
  audit(context, { action: 'user.update', resourceType: 'user', resourceId: user.username, details: changes });
  return json(200, user);
});
