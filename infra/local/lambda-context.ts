import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionDefinition } from '#functions/manifest';

/** No real account or region is involved locally; ARNs name these so they keep their cloud shape. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'local';

/** `submit-documents` → `yggdrasil-submit-documents`. */
export function lambdaFunctionName(fn: FunctionDefinition): string {
  return `yggdrasil-${fn.name}`;
}

// Lambda gives each container one log stream; this process plays one container per function.
const LOG_STREAM_SUFFIX = `[$LATEST]${randomBytes(16).toString('hex')}`;
const STARTED = new Date();

/**
 * The `Context` Lambda passes with an invocation of `fn`: its name, memory and ARN, and the time left
 * before `deadline` (epoch milliseconds), which middy and Powertools read.
 *
 * @example
 * const context = lambdaContext(httpFunctions.health, randomUUID(), Date.now() + 10_000);
 */
export function lambdaContext(fn: FunctionDefinition, requestId: string, deadline: number): Context {
  const functionName = lambdaFunctionName(fn);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${logStreamDate(STARTED)}/${LOG_STREAM_SUFFIX}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    /* eslint-disable @typescript-eslint/no-deprecated -- the Context type still requires them */
    done: callbackStyle('done'),
    fail: callbackStyle('fail'),
    succeed: callbackStyle('succeed'),
    /* eslint-enable @typescript-eslint/no-deprecated */
  };
}

/** The deprecated callback-era methods: our handlers return promises, so a call to one is a bug. */
function callbackStyle(method: string): () => never {
  return () => {
    throw new Error(`context.${method}() is not supported: return or throw from the async handler instead`);
  };
}

function logStreamDate(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll('-', '/');
}
