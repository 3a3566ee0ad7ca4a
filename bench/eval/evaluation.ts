/**
 * One quality evaluation of `npm run eval`. Each file under `bench/eval/evaluations/` exports `evaluation`;
 * `run.ts` runs them all in name order, so a new evaluation is one new file.
 */
export interface Evaluation {
  readonly name: string;
  /** What it is measured on, named so anyone can obtain the same data. */
  readonly dataset: string;
  run(): Promise<readonly Measurement[]>;
}

export interface Measurement {
  readonly metric: string;
  readonly value: number;
  /** How `value` is shown: a share as a percentage, or a plain number. */
  readonly unit: 'share' | 'count' | 'number';
  /** The stated target, when there is one: `value` must reach `min` (or stay within `max`). */
  readonly target?: { readonly min?: number; readonly max?: number };
}

export function meets(measurement: Measurement): boolean | undefined {
  const { target, value } = measurement;
  if (!target) return undefined;
  return (target.min === undefined || value >= target.min) && (target.max === undefined || value <= target.max);
}
