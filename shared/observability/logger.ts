import { Logger } from '@aws-lambda-powertools/logger';

/** The one logger: JSON lines with the service name, cold start flag and correlation ids appended per request/task. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'yggdrasil' });
