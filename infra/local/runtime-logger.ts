import { logger } from '#shared/observability/logger';

/**
 * The local runtime's own lines, from the shared logger's settings. A child, so the Lambda context and
 * keys the handlers put on the shared logger never label the runtime's lines.
 */
export const runtimeLogger = logger.createChild({ persistentKeys: { component: 'local-runtime' } });
