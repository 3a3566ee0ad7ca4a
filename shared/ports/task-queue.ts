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
  /** Messages waiting or in flight, for `/health` and the queue-size metric. */
  depth(): Promise<{ visible: number; inFlight: number; deadLetters: number }>;
  /** Moves every dead letter back onto the queue. Returns how many moved. */
  redrive(): Promise<number>;
}
