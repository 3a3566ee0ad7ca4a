import { inspect } from 'node:util';
import { vi } from 'vitest';

export interface CapturedOutput {
  /** Every line written so far, whichever way it was written. */
  lines(): string[];
  /** Puts stdout, stderr and the console back. */
  stop(): void;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Swallows and records everything written to stdout, stderr or the global console until `stop`: the
 * Powertools logger writes through its own `Console` on `process.stdout`/`process.stderr`, and through
 * the global console when `POWERTOOLS_DEV` is set, so this catches it either way.
 */
export function captureOutput(): CapturedOutput {
  const chunks: string[] = [];
  const record = (...args: unknown[]): void => {
    chunks.push(args.map((arg) => (typeof arg === 'string' ? arg : text(arg))).join(' '));
  };
  const write = (chunk: string | Uint8Array): boolean => {
    record(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(write),
    vi.spyOn(process.stderr, 'write').mockImplementation(write),
    ...CONSOLE_METHODS.map((method) => vi.spyOn(console, method).mockImplementation(record)),
  ];
  return {
    lines: () => chunks.flatMap((chunk) => chunk.split('\n')).filter((line) => line.trim() !== ''),
    stop: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

function text(value: unknown): string {
  return value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : inspect(value, { depth: 20 });
}
