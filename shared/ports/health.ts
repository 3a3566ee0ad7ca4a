/** Something `/health` can ask whether it is up. */
export interface HealthCheck {
  /** Component name as reported by `/health`, e.g. `graph`. */
  readonly component: string;
  /** Which adapter serves it, e.g. `neo4j` or `embedded`. */
  readonly adapter: string;
  /** Resolves when the dependency answers; rejects with the reason otherwise. */
  check(): Promise<void>;
  /**
   * Asked once `check` passed: why the dependency, though up, needs an operator (e.g. dead letters
   * waiting), or undefined when nothing does. `/health` then reports it `degraded`.
   */
  degradation?(): Promise<string | undefined>;
}
