/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import type { TaskType } from '#shared/domain/tasks';
import { assertReceivable, assertSendable } from '#shared/ports/queue-message-limits';
import { exhaustedReason } from '#shared/ports/task-queue';
import type {
  ConsumableQueue,
  DeadLetter,
  QueueDepth,
  ReceivedMessage,
  RedriveOutcome,
} from '#shared/ports/task-queue';
import { transaction } from './database.ts';
import { announceSend, nextSendOrTimeout } from './queue-wakeups.ts';
import { ensureEmbeddedSchema } from './schema.ts';

export interface EmbeddedTaskQueueOptions {
  readonly database: DatabaseSync;
  readonly task: TaskType;
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
  /** Epoch milliseconds; message times and visibility follow it, long-poll waits use real time. */
  readonly clock?: () => number;
}

/** How often a waiting receiver looks again, to notice visibility timeouts and other processes' sends. */
const POLL_INTERVAL_MS = 50;

/**
 * An SQS queue with a redrive policy, inside the embedded SQLite database: sent messages survive a crash,
 * received ones come back after the visibility timeout, and a message received `maxReceiveCount` times
 * moves to the dead letters at its next receive, as SQS does.
 */
export class EmbeddedTaskQueue implements ConsumableQueue {
  readonly component = 'queue';
  readonly adapter = 'embedded';
  readonly task: TaskType;
  private readonly database: DatabaseSync;
  private readonly visibilityTimeoutMs: number;
  private readonly maxReceiveCount: number;
  private readonly clock: () => number;

  constructor(options: EmbeddedTaskQueueOptions) {
    this.database = options.database;
    this.task = options.task;
    this.visibilityTimeoutMs = options.visibilityTimeoutSeconds * 1000;
    this.maxReceiveCount = options.maxReceiveCount;
    this.clock = options.clock ?? Date.now;
    ensureEmbeddedSchema(this.database);
  }

  async send(bodies: readonly string[]): Promise<void> {
    assertSendable(bodies);
    if (bodies.length === 0) return;
    const insert = this.database.prepare(
      'INSERT INTO queue_messages (queue, message_id, body, sent_at, visible_at) VALUES (?, ?, ?, ?, ?)',
    );
    const now = this.clock();
    transaction(this.database, () => {
      for (const body of bodies) insert.run(this.task, randomUUID(), body, now, now);
    });
    announceSend(this.task);
  }

  async receive(maxMessages: number, waitSeconds: number, signal?: AbortSignal): Promise<ReceivedMessage[]> {
    assertReceivable(maxMessages, waitSeconds);
    const deadline = performance.now() + waitSeconds * 1000;
    while (!signal?.aborted) {
      const messages = this.receiveVisible(maxMessages);
      const remaining = deadline - performance.now();
      if (messages.length > 0 || remaining <= 0) return messages;
      await nextSendOrTimeout(this.task, Math.min(remaining, POLL_INTERVAL_MS), signal);
    }
    return [];
  }

  async delete(receiptHandle: string): Promise<void> {
    this.database
      .prepare('DELETE FROM queue_messages WHERE queue = ? AND receipt_handle = ? AND dead_lettered_at IS NULL')
      .run(this.task, receiptHandle);
  }

  async changeVisibility(receiptHandle: string, seconds: number): Promise<void> {
    this.database
      .prepare(
        'UPDATE queue_messages SET visible_at = ? WHERE queue = ? AND receipt_handle = ? AND dead_lettered_at IS NULL',
      )
      .run(this.clock() + seconds * 1000, this.task, receiptHandle);
  }

  async depth(): Promise<QueueDepth> {
    const now = this.clock();
    const row = this.database
      .prepare(
        `SELECT
           count(*) FILTER (WHERE dead_lettered_at IS NULL AND visible_at <= ?) AS visible,
           count(*) FILTER (WHERE dead_lettered_at IS NULL AND visible_at > ?) AS in_flight,
           count(*) FILTER (WHERE dead_lettered_at IS NOT NULL) AS dead_letters
         FROM queue_messages WHERE queue = ?`,
      )
      .get(now, now, this.task);
    if (!row) throw new Error('SQLite returned no row for a count');
    return {
      visible: integer(row, 'visible'),
      inFlight: integer(row, 'in_flight'),
      deadLetters: integer(row, 'dead_letters'),
    };
  }

  async deadLetter(body: string, reason: string): Promise<void> {
    assertSendable([body]);
    const now = this.clock();
    this.database
      .prepare(
        `INSERT INTO queue_messages (queue, message_id, body, sent_at, visible_at, dead_lettered_at, dead_letter_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(this.task, randomUUID(), body, now, now, now, reason);
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    const rows = this.database
      .prepare(
        `SELECT message_id, body, sent_at, dead_letter_reason FROM queue_messages
         WHERE queue = ? AND dead_lettered_at IS NOT NULL ORDER BY dead_lettered_at, seq LIMIT ?`,
      )
      .all(this.task, limit);
    return rows.map((row) => ({
      messageId: text(row, 'message_id'),
      body: text(row, 'body'),
      reason:
        typeof row.dead_letter_reason === 'string' ? row.dead_letter_reason : exhaustedReason(this.maxReceiveCount),
      sentAt: new Date(integer(row, 'sent_at')),
    }));
  }

  async redrive(): Promise<RedriveOutcome> {
    const now = this.clock();
    const { changes } = this.database
      .prepare(
        `UPDATE queue_messages
         SET dead_lettered_at = NULL, dead_letter_reason = NULL, receive_count = 0, first_received_at = NULL,
             sent_at = ?, visible_at = ?
         WHERE queue = ? AND dead_lettered_at IS NOT NULL`,
      )
      .run(now, now, this.task);
    const moved = Number(changes);
    if (moved > 0) announceSend(this.task);
    return { kind: 'moved', moved };
  }

  async check(): Promise<void> {
    this.database.prepare('SELECT 1').get();
  }

  private receiveVisible(maxMessages: number): ReceivedMessage[] {
    const now = this.clock();
    const rows = transaction(this.database, () => {
      this.database
        .prepare(
          `UPDATE queue_messages SET dead_lettered_at = ?, receipt_handle = NULL
           WHERE queue = ? AND dead_lettered_at IS NULL AND visible_at <= ? AND receive_count >= ?`,
        )
        .run(now, this.task, now, this.maxReceiveCount);
      return this.database
        .prepare(
          `UPDATE queue_messages
           SET receive_count = receive_count + 1,
               receipt_handle = lower(hex(randomblob(16))),
               visible_at = ?,
               first_received_at = coalesce(first_received_at, ?)
           WHERE seq IN (
             SELECT seq FROM queue_messages
             WHERE queue = ? AND dead_lettered_at IS NULL AND visible_at <= ?
             ORDER BY sent_at, seq LIMIT ?)
           RETURNING seq, message_id, receipt_handle, body, receive_count, sent_at, first_received_at`,
        )
        .all(now + this.visibilityTimeoutMs, now, this.task, now, maxMessages);
    });
    // RETURNING gives rows in no particular order.
    rows.sort((a, b) => integer(a, 'sent_at') - integer(b, 'sent_at') || integer(a, 'seq') - integer(b, 'seq'));
    return rows.map(toReceivedMessage);
  }
}

function toReceivedMessage(row: Record<string, SQLOutputValue>): ReceivedMessage {
  return {
    messageId: text(row, 'message_id'),
    receiptHandle: text(row, 'receipt_handle'),
    body: text(row, 'body'),
    receiveCount: integer(row, 'receive_count'),
    sentAt: new Date(integer(row, 'sent_at')),
    firstReceivedAt: new Date(integer(row, 'first_received_at')),
  };
}

function integer(row: Record<string, SQLOutputValue>, column: string): number {
  const value = row[column];
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
  throw new Error(`Column ${column} of queue_messages is ${value === null ? 'null' : typeof value}, not an integer`);
}

function text(row: Record<string, SQLOutputValue>, column: string): string {
  const value = row[column];
  if (typeof value === 'string') return value;
  throw new Error(`Column ${column} of queue_messages is ${value === null ? 'null' : typeof value}, not text`);
}
