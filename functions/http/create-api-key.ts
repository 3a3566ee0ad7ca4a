import { httpFunctions } from '#functions/manifest';
import { config } from '#shared/config';
import { apiKeyStore } from '#shared/container/identity';
import { createApiKeySchema } from '#shared/domain/api-keys';
import { readJsonBody } from '#shared/http/body';
import { idempotentHttpFunction } from '#shared/http/idempotent-http-function';
import { refuseQuery } from '#shared/http/query';
import { audit, requirePrincipal } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { API_KEY_BODY_MAX_BYTES, createKeyFor } from '#shared/services/api-keys';

/** POST /api-keys: a new key for the caller. The key is in this response only; it is stored as a hash. */
export const handler = idempotentHttpFunction(httpFunctions.createApiKey, async (event, context) => {
  refuseQuery(event);
  const caller = requirePrincipal(context);
  const input = validate(createApiKeySchema, readJsonBody(event, API_KEY_BODY_MAX_BYTES), 'request body');
  const deps = { store: apiKeyStore(), maxActiveKeys: config().apiKeysPerUser };
  const { key, summary } = await createKeyFor(caller, input, deps, new Date());
  audit(context, {
    action: 'api-key.create',
    resourceType: 'api-key',
    resourceId: summary.keyId,
    details: { name: summary.name },
  });
  return json(
    201,
    { key, keyId: summary.keyId, name: summary.name, createdAt: summary.createdAt },
    { 'cache-control': 'no-store', location: `/api-keys/${summary.keyId}` },
  );
});
