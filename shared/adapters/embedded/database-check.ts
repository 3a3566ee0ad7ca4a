import type { DatabaseSync } from 'node:sqlite';
import type { HealthCheck } from '#shared/ports/health';

/** A component kept in the embedded database is up when the database answers. */
export class EmbeddedDatabaseCheck implements HealthCheck {
  readonly adapter = 'embedded';

  constructor(
    readonly component: string,
    private readonly database: DatabaseSync,
  ) {}

  check(): Promise<void> {
    this.database.prepare('SELECT 1').get();
    return Promise.resolve();
  }
}
