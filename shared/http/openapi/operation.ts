import type * as z from 'zod/mini';

/** How one route's requests and responses look, for the OpenAPI document; the schemas are the handlers' own. */
export interface OperationSpec {
  readonly summary: string;
  readonly tag: string;
  /** Path parameters by name: every `{name}` of the manifest path has one. */
  readonly params?: Readonly<Record<string, z.ZodMiniType>>;
  readonly query?: z.ZodMiniObject;
  /** Request headers the route reads, by name, with what they do and (optionally) the pattern they must match. */
  readonly requestHeaders?: Readonly<Record<string, RequestHeaderSpec>>;
  readonly body?: RequestBodySpec;
  /** Success responses by status. */
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /**
   * Error statuses this route answers besides those the stack answers for it anyway (400 for an input,
   * 413/415 for a JSON body, 401/403/429 when authenticated, 500).
   */
  readonly errors?: readonly ErrorStatus[];
  /** Error statuses the route answers in RFC 6749's shape instead of a problem document (`/token`). */
  readonly oauthErrors?: readonly ErrorStatus[];
}

export interface RequestHeaderSpec {
  readonly description: string;
  /** What the value must match, or the route answers 400. */
  readonly pattern?: string;
}

export interface RequestBodySpec {
  readonly schema: z.ZodMiniType;
  readonly mediaType: 'application/json' | 'application/x-www-form-urlencoded';
}

export interface ResponseSpec {
  readonly description: string;
  /** Absent for an empty body (204). */
  readonly schema?: z.ZodMiniType;
  /** Response headers by name, with what they say. */
  readonly headers?: Readonly<Record<string, string>>;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 431 | 500 | 503;
