import type { TaskType } from '#shared/domain/tasks';
import type { HealthCheck } from './health.ts';

/** The producer side: what handlers use to hand work to a task function. */
export interface TaskQueue extends HealthCheck {
  readonly task: TaskType;
  /** Sends every body, or throws: nothing is reported as sent that was not. */
  send(bodies: readonly string[]): Promise<void>;
}

export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  /** How many times this message has been received, this time included. */
  readonly receiveCount: number;
  readonly sentAt: Date;
  readonly firstReceivedAt: Date;
}

/**
 * The consumer side, which Lambda's event source mapping plays in the cloud and the local runtime plays on
 * a laptop. Messages received and not deleted come back after the visibility timeout; one received
 * `maxReceiveCount` times moves to the dead-letter queue at the next receive instead of being delivered.
 */
export interface ConsumableQueue extends TaskQueue {
  /**
   * Up to `maxMessages` (1–10) visible messages, oldest first as far as the queue keeps order, each hidden
   * for the visibility timeout. Waits up to `waitSeconds` (0–20) for the first one; an aborted `signal`
   * ends the wait early with `[]`, which is how the local runtime stops on Ctrl-C.
   */
  receive(maxMessages: number, waitSeconds: number, signal?: AbortSignal): Promise<ReceivedMessage[]>;
  /** Removes a received message. A stale or unknown receipt handle is not an error. */
  delete(receiptHandle: string): Promise<void>;
  /**
   * Hides a received message for `seconds` (0–43200) from now: how a retry is scheduled with backoff. A stale
   * receipt handle is not an error (the message was deleted or received again meanwhile).
   */
  changeVisibility(receiptHandle: string, seconds: number): Promise<void>;
  /** Messages waiting or in flight, for `/health` and the queue-size metric. */
  depth(): Promise<QueueDepth>;
  /**
   * Puts a message straight into the dead letters with the reason, without waiting for `maxReceiveCount`
   * deliveries: a message that can never succeed. The caller then lets its delivery be deleted.
   */
  deadLetter(body: string, reason: string): Promise<void>;
  /** Up to `limit` dead letters, oldest first as far as the queue keeps order; they stay where they are. */
  deadLetters(limit: number): Promise<DeadLetter[]>;
  /** Moves every dead letter back onto the queue. */
  redrive(): Promise<RedriveOutcome>;
}

export interface QueueDepth {
  readonly visible: number;
  readonly inFlight: number;
  readonly deadLetters: number;
}

export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  /** Why it failed: the reason it was dead-lettered with, or that it kept failing until `maxReceiveCount`. */
  readonly reason: string;
  /** When it was first sent to its queue. */
  readonly sentAt: Date;
}

/** What a redrive did: moved them (locally, or by hand) or started SQS's own asynchronous move task. */
export type RedriveOutcome =
  { readonly kind: 'moved'; readonly moved: number } | { readonly kind: 'move-task'; readonly taskHandle: string };

/** The reason of a dead letter that SQS moved itself, after `maxReceiveCount` deliveries. */
export function exhaustedReason(maxReceiveCount: number): string {
  return `failed ${maxReceiveCount} deliveries (maxReceiveCount): a worker crashed, timed out or kept failing`;
}
