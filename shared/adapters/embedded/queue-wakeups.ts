import { EventEmitter } from 'node:events';

/**
 * Wakes long-polling receivers in this process as soon as a message is sent to their queue, instead of
 * at their next poll. Receivers still poll, which is how they notice visibility timeouts and other
 * processes' sends.
 */
const sends = new EventEmitter();
// One listener per waiting receiver; any number may wait at once.
sends.setMaxListeners(0);

export function announceSend(queue: string): void {
  sends.emit(queue);
}

/** Resolves after `milliseconds`, on a send to `queue`, or when `signal` aborts, whichever comes first. */
export function nextSendOrTimeout(queue: string, milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      sends.off(queue, wake);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, milliseconds);
    sends.on(queue, wake);
    signal?.addEventListener('abort', wake);
  });
}
