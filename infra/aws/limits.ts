import type { FunctionDefinition } from '#functions/manifest';

/** Each received SQS message must stay hidden through retries of its batch: AWS advises 6 × the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** API Gateway stops waiting for an integration after 30 s; the function must answer before that. */
export const MAX_HTTP_TIMEOUT_SECONDS = 29;

/**
 * Every way a manifest can break a limit the cloud enforces only at run time (or not at all), one message each.
 * An empty list means the manifest can be deployed.
 */
export function limitViolations(functions: readonly FunctionDefinition[]): string[] {
  const violations: string[] = [];
  const names = new Set<string>();
  const consumedTasks = new Set(functions.flatMap((fn) => (fn.kind === 'task' ? [fn.task] : [])));
  for (const fn of functions) {
    if (names.has(fn.name)) violations.push(`${fn.name}: the name is declared twice`);
    names.add(fn.name);
    if (fn.kind === 'http' && fn.timeoutSeconds > MAX_HTTP_TIMEOUT_SECONDS) {
      violations.push(
        `${fn.name}: timeout ${fn.timeoutSeconds} s exceeds the ${MAX_HTTP_TIMEOUT_SECONDS} s API Gateway allows`,
      );
    }
    if (fn.kind === 'task') {
      const minimum = VISIBILITY_TIMEOUT_FACTOR * fn.timeoutSeconds;
      if (fn.queue.visibilityTimeoutSeconds < minimum) {
        violations.push(
          `${fn.name}: queue visibility timeout ${fn.queue.visibilityTimeoutSeconds} s is below ` +
            `${VISIBILITY_TIMEOUT_FACTOR} × the ${fn.timeoutSeconds} s function timeout (${minimum} s)`,
        );
      }
    }
    for (const task of fn.uses.sendsTo ?? []) {
      if (!consumedTasks.has(task)) violations.push(`${fn.name}: sends to '${task}', which no task function consumes`);
    }
  }
  return violations;
}

export class ManifestLimitError extends Error {
  override readonly name = 'ManifestLimitError';
}

/** Throws a `ManifestLimitError` listing every violation, so synth fails before anything is built. */
export function assertWithinLimits(functions: readonly FunctionDefinition[]): void {
  const violations = limitViolations(functions);
  if (violations.length > 0) {
    throw new ManifestLimitError(
      `The function manifest breaks ${violations.length} limit(s):\n- ${violations.join('\n- ')}`,
    );
  }
}
