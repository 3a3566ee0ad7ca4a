import { randomUUID } from 'node:crypto';
import type { Context, SQSEvent } from 'aws-lambda';
import { httpFunctions, type FunctionDefinition } from '#functions/manifest';
import { lambdaContext as localLambdaContext } from '#infra/local/lambda-context';
import type { HttpEvent } from '#shared/http/types';

/** An API Gateway HTTP API (payload 2.0) event, as Lambda would receive it. */
export function httpEvent(options: {
  method: string;
  path: string;
  routeKey?: string;
  body?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
}): HttpEvent {
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: options.routeKey ?? `${options.method} ${options.path}`,
    rawPath: options.path,
    rawQueryString: new URLSearchParams(options.queryStringParameters).toString(),
    headers: { host: 'localhost', 'user-agent': 'vitest', ...options.headers },
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: options.method,
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId,
      routeKey: options.routeKey ?? `${options.method} ${options.path}`,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    ...(options.pathParameters && { pathParameters: options.pathParameters }),
    ...(options.queryStringParameters && { queryStringParameters: options.queryStringParameters }),
    ...(options.body !== undefined && { body: options.body }),
    isBase64Encoded: false,
  };
}

/** The context Lambda (and the local runtime) passes: the same builder, so tests see what handlers see. */
export function lambdaContext(fn: FunctionDefinition = httpFunctions.fallback): Context {
  return localLambdaContext(fn, randomUUID(), Date.now() + fn.timeoutSeconds * 1000);
}

/** An SQS batch event with one record per body. */
export function sqsEvent(bodies: readonly string[], receiveCount = 1): SQSEvent {
  return {
    Records: bodies.map((body) => ({
      messageId: randomUUID(),
      receiptHandle: randomUUID(),
      body,
      attributes: {
        ApproximateReceiveCount: String(receiveCount),
        SentTimestamp: String(Date.now()),
        SenderId: 'test',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:test',
      awsRegion: 'us-east-1',
    })),
  };
}
