import type { Context } from 'aws-lambda';
import { inInvocationScope } from './invocation-scope.ts';

/** What a Lambda handler module exports: an async function of the event and the context. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export type InvocationOutcome =
  | { readonly kind: 'returned'; readonly value: unknown }
  | { readonly kind: 'threw'; readonly error: unknown }
  | { readonly kind: 'timed-out' };

export interface Invocation {
  /** How the invocation ended as Lambda would report it: a late answer counts as a timeout. */
  readonly outcome: Promise<InvocationOutcome>;
  /** Settles when the handler itself settles, even after a timeout: what a clean stop waits for. */
  readonly settled: Promise<void>;
}

/**
 * Invokes a handler as Lambda does: in its own invocation scope, with the time `context` leaves it. Lambda
 * would freeze a timed-out function; here it runs on, but nobody waits for its answer.
 */
export function invoke(handler: LambdaHandler, event: unknown, context: Context): Invocation {
  const running: Promise<InvocationOutcome> = inInvocationScope(context.awsRequestId, () =>
    Promise.resolve().then(() => handler(event, context)),
  ).then(
    (value) => ({ kind: 'returned', value }),
    (error: unknown) => ({ kind: 'threw', error }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<InvocationOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timed-out' }), context.getRemainingTimeInMillis());
  });
  const outcome = Promise.race([running, timedOut]).finally(() => clearTimeout(timer));
  return { outcome, settled: running.then(() => undefined) };
}
