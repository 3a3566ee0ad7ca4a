import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it, type TestContext } from 'vitest';
import type { ConsumableQueue, ReceivedMessage } from '#shared/ports/task-queue';

/** What each test asks of the adapter under test: a fresh, empty queue with these settings. */
export interface QueueSettingsUnderTest {
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
}

export type MakeQueue = (
  settings: QueueSettingsUnderTest,
) => Promise<{ queue: ConsumableQueue; cleanup?: () => void | Promise<void> }>;

// Short, so redelivery and dead-lettering take seconds; SQS counts visibility in whole seconds.
const SETTINGS: QueueSettingsUnderTest = { visibilityTimeoutSeconds: 1, maxReceiveCount: 2 };
/** Long enough for a hidden message to come back, with room for a server that notices it late. */
const REDELIVERY_WAIT_SECONDS = 3;

/**
 * The behaviour every `ConsumableQueue` shares, SQS's: run once per adapter, so the embedded queue behaves
 * like the real one. Tests run concurrently, each on its own queue, to keep the visibility waits short.
 */
export function describeTaskQueueContract(adapterName: string, makeQueue: MakeQueue): void {
  async function freshQueue(context: TestContext): Promise<ConsumableQueue> {
    const { queue, cleanup } = await makeQueue(SETTINGS);
    if (cleanup) context.onTestFinished(cleanup);
    return queue;
  }

  describe.concurrent(`TaskQueue contract (${adapterName})`, () => {
    it('delivers every body exactly as sent, unicode and a 200 KB body included', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      const bodies = ['{"documentIds":["d-1"]}', 'Grüße, 世界 🌳 — naïve ﬁ', 'Yggdrasil 🌳 '.repeat(13_000)];
      // Act
      await queue.send(bodies);
      const received = await receiveAll(queue, bodies.length);
      // Assess
      context.expect(received.map((message) => message.body).sort()).toEqual([...bodies].sort());
    });

    it('describes each delivery with its first receive, send time and receive count', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      const before = Date.now();
      await queue.send(['described']);
      // Act
      const [message] = await queue.receive(1, 2);
      // Assess
      context.expect(message).toMatchObject({ body: 'described', receiveCount: 1 });
      context.expect(message?.messageId).toMatch(/\S/);
      context.expect(message?.receiptHandle).toMatch(/\S/);
      context.expect(message?.sentAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      context.expect(message?.firstReceivedAt.getTime()).toBeGreaterThanOrEqual(message?.sentAt.getTime() ?? 0);
    });

    it('hides a received message until the visibility timeout, then delivers it again with receiveCount 2', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      await queue.send(['retry me']);
      const [first] = await queue.receive(1, 2);
      // Act
      const whileHidden = await queue.receive(10, 0);
      const [again] = await queue.receive(1, REDELIVERY_WAIT_SECONDS);
      // Assess
      context.expect(first?.receiveCount).toBe(1);
      context.expect(whileHidden).toEqual([]);
      context.expect(again).toMatchObject({ messageId: first?.messageId, body: 'retry me', receiveCount: 2 });
      context.expect(again?.receiptHandle).not.toBe(first?.receiptHandle);
    });

    it('never delivers a deleted message again', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      await queue.send(['done']);
      const [message] = await queue.receive(1, 2);
      await queue.delete(required(message).receiptHandle);
      // Act
      const later = await queue.receive(10, REDELIVERY_WAIT_SECONDS);
      // Assess
      context.expect(later).toEqual([]);
    });

    it('accepts deleting a message that is already gone', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      await queue.send(['delivered twice by an at-least-once queue']);
      const [message] = await queue.receive(1, 2);
      await queue.delete(required(message).receiptHandle);
      // Act
      const secondDelete = queue.delete(required(message).receiptHandle);
      // Assess
      await context.expect(secondDelete).resolves.toBeUndefined();
    });

    it('moves a message received maxReceiveCount times to the dead letters instead of delivering it again', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      await queue.send(['poison']);
      await queue.receive(1, 2);
      await queue.receive(1, REDELIVERY_WAIT_SECONDS);
      // Act
      const third = await queue.receive(1, REDELIVERY_WAIT_SECONDS - 1);
      // Assess
      context.expect(third).toEqual([]);
      context.expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0, deadLetters: 1 });
    });

    it('redrives dead letters back onto the queue, to be delivered afresh', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      await queue.send(['poison, fixed since']);
      await queue.receive(1, 2);
      await queue.receive(1, REDELIVERY_WAIT_SECONDS);
      await queue.receive(1, REDELIVERY_WAIT_SECONDS - 1);
      // Act
      const moved = await queue.redrive();
      const [message] = await queue.receive(1, 2);
      // Assess
      context.expect(moved).toEqual({ kind: 'moved', moved: 1 });
      context.expect(message).toMatchObject({ body: 'poison, fixed since', receiveCount: 1 });
      context.expect((await queue.depth()).deadLetters).toBe(0);
    });

    it('redrive of an empty dead-letter queue moves nothing', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      // Act
      const moved = await queue.redrive();
      // Assess
      context.expect(moved).toEqual({ kind: 'moved', moved: 0 });
    });

    it('hides a received message for as long as a visibility change says, then delivers it again', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      await queue.send(['later']);
      const [first] = await queue.receive(1, 2);
      // Act
      await queue.changeVisibility(String(first?.receiptHandle), 2);
      await sleep(1_200); // past the queue's own 1 s visibility timeout
      const hidden = await queue.receive(1, 0);
      const [again] = await queue.receive(1, REDELIVERY_WAIT_SECONDS);
      // Assess
      context.expect(hidden).toEqual([]);
      context.expect(again).toMatchObject({ body: 'later', receiveCount: 2 });
    });

    it('makes a message visible at once when its visibility is changed to 0', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      await queue.send(['now']);
      const [first] = await queue.receive(1, 2);
      // Act
      await queue.changeVisibility(String(first?.receiptHandle), 0);
      const [again] = await queue.receive(1, 1);
      // Assess
      context.expect(again).toMatchObject({ body: 'now', receiveCount: 2 });
    });

    it('lists a message dead-lettered on purpose with its reason, without delivering it', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      // Act
      await queue.deadLetter('{"taskId":"t"}', 'cannot succeed: bad message');
      const letters = await queue.deadLetters(10);
      // Assess
      context.expect(letters).toMatchObject([{ body: '{"taskId":"t"}', reason: 'cannot succeed: bad message' }]);
      context.expect(await queue.receive(1, 0)).toEqual([]);
      context.expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0, deadLetters: 1 });
    });

    it('lists a message the queue moved after maxReceiveCount with that reason, and keeps it listed', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      await queue.send(['poison']);
      await queue.receive(1, 2);
      await queue.receive(1, REDELIVERY_WAIT_SECONDS);
      await queue.receive(1, REDELIVERY_WAIT_SECONDS - 1);
      // Act
      const first = await queue.deadLetters(10);
      const second = await queue.deadLetters(10);
      // Assess
      context.expect(first.map((letter) => letter.body)).toEqual(['poison']);
      context.expect(first[0]?.reason).toContain('maxReceiveCount');
      context.expect(second.map((letter) => letter.messageId)).toEqual(first.map((letter) => letter.messageId));
    });

    it('redrives a message dead-lettered on purpose like any other', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      await queue.deadLetter('fixed since', 'cannot succeed: it was broken');
      // Act
      const outcome = await queue.redrive();
      const [message] = await queue.receive(1, 2);
      // Assess
      context.expect(outcome).toEqual({ kind: 'moved', moved: 1 });
      context.expect(message).toMatchObject({ body: 'fixed since', receiveCount: 1 });
    });

    it('a long poll returns a message sent while it waits, without waiting out the wait time', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      const started = Date.now();
      const polling = queue.receive(1, 5);
      await sleep(300);
      // Act
      await queue.send(['arrived during the wait']);
      const received = await polling;
      // Assess
      context.expect(received.map((message) => message.body)).toEqual(['arrived during the wait']);
      context.expect(Date.now() - started).toBeLessThan(4000);
    });

    it('an empty queue answers with no messages once the wait time has passed', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      const started = Date.now();
      // Act
      const received = await queue.receive(10, 1);
      // Assess
      context.expect(received).toEqual([]);
      context.expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('an aborted signal ends a long poll early with no messages', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      const shutdown = new AbortController();
      const started = Date.now();
      const polling = queue.receive(1, 10, shutdown.signal);
      await sleep(200);
      // Act
      shutdown.abort();
      const received = await polling;
      // Assess
      context.expect(received).toEqual([]);
      context.expect(Date.now() - started).toBeLessThan(3000);
    });

    it('depth counts visible and in-flight messages apart', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      await queue.send(['one', 'two', 'three']);
      await queue.receive(1, 2);
      // Act
      const depth = await queue.depth();
      // Assess
      context.expect(depth).toEqual({ visible: 2, inFlight: 1, deadLetters: 0 });
    });

    it('sends all 25 bodies of a send larger than one batch', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      const bodies = Array.from({ length: 25 }, (_, index) => `document batch ${index}`);
      // Act
      await queue.send(bodies);
      const received = await receiveAll(queue, bodies.length);
      // Assess
      context.expect(received.map((message) => message.body).sort()).toEqual([...bodies].sort());
    });

    it('refuses a body over 256 KiB and sends none of the bodies given with it', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      // Act
      const sending = queue.send(['fine', 'x'.repeat(256 * 1024 + 1)]);
      // Assess
      await context.expect(sending).rejects.toThrow(/Message 1 is 262145 bytes/);
      context.expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0, deadLetters: 0 });
    });

    it('refuses a body with a character SQS does not carry', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      // Act
      const sending = queue.send(['nul \u0000 inside']);
      // Assess
      await context.expect(sending).rejects.toThrow(/U\+0000/);
    });

    it('refuses to receive more than 10 messages at once', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      // Act
      const receiving = queue.receive(11, 0);
      // Assess
      await context.expect(receiving).rejects.toThrow(RangeError);
    });

    it('passes its health check', async (context) => {
      // Prepare
      const queue = await freshQueue(context);
      // Act
      const checking = queue.check();
      // Assess
      await context.expect(checking).resolves.toBeUndefined();
      context.expect(queue.component).toBe('queue');
    });
  });
}

/** Receives until `count` messages arrived or a few long polls came back empty. */
async function receiveAll(queue: ConsumableQueue, count: number): Promise<ReceivedMessage[]> {
  const received: ReceivedMessage[] = [];
  for (let emptyPolls = 0; received.length < count && emptyPolls < 2;) {
    const batch = await queue.receive(10, 1);
    if (batch.length === 0) emptyPolls += 1;
    received.push(...batch);
  }
  return received;
}

function required(message: ReceivedMessage | undefined): ReceivedMessage {
  if (!message) throw new Error('Expected a message, got none');
  return message;
}
