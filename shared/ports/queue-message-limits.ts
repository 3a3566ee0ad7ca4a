/**
 * What SQS accepts, checked before anything is sent so a refused message never leaves part of a send
 * behind. The embedded queue applies the same rules, so a message that works locally works in the cloud.
 */

/** SQS now allows 1 MiB, but queues created before 2025 keep 256 KiB, so we hold to the smaller one. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
export const MAX_BATCH_BYTES = 256 * 1024;
export const MAX_BATCH_ENTRIES = 10;
export const MAX_RECEIVE_MESSAGES = 10;
export const MAX_WAIT_SECONDS = 20;

// The characters SQS allows in a message body (its documented XML character range).
const FORBIDDEN_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function messageBytes(body: string): number {
  return Buffer.byteLength(body, 'utf8');
}

/** Throws a `RangeError` naming the first body SQS would refuse. */
export function assertSendable(bodies: readonly string[]): void {
  bodies.forEach((body, index) => {
    if (body.length === 0) throw new RangeError(`Message ${index} is empty; SQS needs at least one character`);
    const bytes = messageBytes(body);
    if (bytes > MAX_MESSAGE_BYTES) {
      throw new RangeError(`Message ${index} is ${bytes} bytes; a queue message may be at most ${MAX_MESSAGE_BYTES}`);
    }
    const forbidden = FORBIDDEN_CHARACTER.exec(body);
    if (forbidden) {
      const code = forbidden[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
      throw new RangeError(`Message ${index} contains U+${code}, which SQS does not accept`);
    }
  });
}

/** Throws a `RangeError` for a receive SQS would refuse. */
export function assertReceivable(maxMessages: number, waitSeconds: number): void {
  if (!Number.isInteger(maxMessages) || maxMessages < 1 || maxMessages > MAX_RECEIVE_MESSAGES) {
    throw new RangeError(`maxMessages must be a whole number from 1 to ${MAX_RECEIVE_MESSAGES}, got ${maxMessages}`);
  }
  if (!Number.isInteger(waitSeconds) || waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
    throw new RangeError(`waitSeconds must be a whole number from 0 to ${MAX_WAIT_SECONDS}, got ${waitSeconds}`);
  }
}
