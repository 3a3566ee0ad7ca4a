import { httpFunctions } from '#functions/manifest';
import { createAccount } from '#shared/auth/accounts';
import { passwordHasher } from '#shared/container/passwords';
import { userStore } from '#shared/container/identity';
import { createUserSchema } from '#shared/domain/users';
import { readJsonBody } from '#shared/http/body';
import { idempotentHttpFunction } from '#shared/http/idempotent-http-function';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { ACCOUNT_BODY_MAX_BYTES } from '#shared/services/user-accounts';

/** POST /users: creates an account; 201 with the account as the API shows it (never its hash). */
export const handler = idempotentHttpFunction(httpFunctions.createUser, async (event, context) => {
  refuseQuery(event);
  const input = validate(createUserSchema, readJsonBody(event, ACCOUNT_BODY_MAX_BYTES), 'request body');
  const user = await createAccount(userStore(), passwordHasher(), input, new Date());
  audit(context, {
    action: 'user.create',
    resourceType: 'user',
    resourceId: user.username,
    details: { role: user.role },
  });
  return json(201, user, { location: `/users/${encodeURIComponent(user.username)}` });
});
