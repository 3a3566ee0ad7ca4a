import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { HealthCheck } from '#shared/ports/health';

/**
 * A table's health without its store: `/health` asks this of tables whose store carries a library the health
 * function need not load (the idempotency table's Powertools persistence layer).
 */
export class DynamoTableCheck implements HealthCheck {
  readonly adapter = 'dynamodb';

  constructor(
    readonly component: string,
    private readonly options: { tableName: string; client: DynamoDBClient },
  ) {}

  async check(): Promise<void> {
    await this.options.client.send(new DescribeTableCommand({ TableName: this.options.tableName }));
  }
}
