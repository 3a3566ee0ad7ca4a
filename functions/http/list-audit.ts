import { httpFunctions } from '#functions/manifest';
import { auditLog } from '#shared/container/audit';
import { httpFunction } from '#shared/http/http-function';
import { readQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { auditListParametersSchema, listAuditEntries } from '#shared/services/audit-trail';

/** GET /audit?user=&from=&to=&limit=&cursor=: the audit trail, newest first, for admins. */
export const handler = httpFunction(httpFunctions.listAudit, async (event) => {
  const query = readQuery(event, auditListParametersSchema);
  const page = await listAuditEntries(auditLog(), query);
  return json(200, page, { 'cache-control': 'no-store' });
});
