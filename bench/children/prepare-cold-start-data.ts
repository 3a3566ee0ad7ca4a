/**
 * Prepares the embedded data directory (YGG_DATA_DIR) every cold start begins from: what a deployed
 * installation holds before its first request (graph migrations, the JWT key ring, the first admin), made by
 * the same `bootstrap()` the local runtime and the deploy step run. Sends `{ authorization }`, a bearer token
 * for that admin, over IPC, then closes the database so the directory can be copied.
 */
import { issueAccessToken } from '#shared/auth/tokens';
import { config } from '#shared/config';
import { signingKeys, userStore } from '#shared/container/identity';
import { closeContainer } from '#shared/container/lifecycle';
import { bootstrap } from '#shared/container/bootstrap';

const { firstAdmin } = await bootstrap();
const admin = await userStore().get(firstAdmin.username);
if (!admin) throw new Error(`bootstrap() did not create the admin '${firstAdmin.username}'`);
const token = await issueAccessToken(admin, await signingKeys(), config().tokens);
await closeContainer();
process.send?.({ authorization: `Bearer ${token}` }, () => process.exit(0));
