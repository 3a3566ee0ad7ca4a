import { httpFunctions } from '#functions/manifest';
import { apiKeyStore, userStore } from '#shared/container/identity';
import { httpFunction } from '#shared/http/http-function';
import { noContent } from '#shared/http/responses';
import { readQuery } from '#shared/http/query';
import { audit, requirePrincipal } from '#shared/http/request-state';
import { validate } from '#shared/http/validation';
import { apiKeyIdSchema, keyOwnerParametersSchema, revokeKeyOf } from '#shared/services/api-keys';

/** DELETE /api-keys/{keyId}[?owner=]: revokes one of the caller's keys (an admin: anyone's); 204. */
export const handler = httpFunction(httpFunctions.revokeApiKey, async (event, context) => {
  const keyId = validate(apiKeyIdSchema, event.pathParameters?.keyId, 'API key id in the path');
  const { owner } = readQuery(event, keyOwnerParametersSchema);
  const revokedOwner = await revokeKeyOf(
    requirePrincipal(context),
    { keyId, owner },
    { apiKeys: apiKeyStore(), users: userStore() },
    new Date(),
  );
  audit(context, {
    action: 'api-key.revoke',
    resourceType: 'api-key',
    resourceId: keyId,
    details: { owner: revokedOwner },
  });
  return noContent();
});
