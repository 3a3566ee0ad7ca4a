import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

/** API Gateway HTTP API, payload format 2.0: the event every HTTP function gets, in Lambda and locally. */
export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> };
export type { Context };

import type { MiddlewareObj } from '@middy/core';
/** Every middleware of the one HTTP stack has this shape. */
export type HttpMiddleware = MiddlewareObj<HttpEvent, HttpResult>;
