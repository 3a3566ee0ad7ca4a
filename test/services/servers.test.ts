/**
 * Proves that the test services (global-setup.ts) are real and reachable the way the adapters reach them:
 * Neo4j over Bolt with the provided credentials, and moto through AWS SDK clients configured only by the
 * environment (AWS_ENDPOINT_URL, AWS_REGION, credentials), as shared/adapters/aws/clients.ts makes them.
 */
import { randomUUID } from 'node:crypto';
import { CloudWatchClient, ListMetricsCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import neo4j from 'neo4j-driver-lite';
import { describe, expect, inject, it } from 'vitest';

const REQUIRED = [
  'NEO4J_URI',
  'NEO4J_USERNAME',
  'NEO4J_PASSWORD',
  'AWS_ENDPOINT_URL',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
] as const;

const services = inject('services');

function setting(name: (typeof REQUIRED)[number]): string {
  const value = services[name];
  if (value === undefined || value === '') {
    throw new Error(
      `${name} was not provided: run with test/services/global-setup.ts as globalSetup (and without YGG_TEST_SERVICES=off)`,
    );
  }
  return value;
}

describe('test services', () => {
  it('provides loopback endpoints and the same values in the workers environment', () => {
    for (const name of REQUIRED) setting(name); // fails, never skips, when the services did not start
    expect(new URL(setting('NEO4J_URI')).hostname).toBe('127.0.0.1');
    expect(new URL(setting('AWS_ENDPOINT_URL')).hostname).toBe('127.0.0.1');
    expect(setting('AWS_REGION')).toBe('us-east-1');
    for (const name of REQUIRED) expect(process.env[name], name).toBe(services[name]);
  });

  it('runs Cypher on the real Neo4j with authentication', async () => {
    const driver = neo4j.driver(
      setting('NEO4J_URI'),
      neo4j.auth.basic(setting('NEO4J_USERNAME'), setting('NEO4J_PASSWORD')),
    );
    try {
      const { records } = await driver.executeQuery('RETURN 1 AS one');
      expect(records[0]?.get('one')).toEqual(neo4j.int(1));
      const info = await driver.getServerInfo();
      expect(info.agent).toMatch(/^Neo4j\/5\.26\./);
    } finally {
      await driver.close();
    }
    const intruder = neo4j.driver(setting('NEO4J_URI'), neo4j.auth.basic('neo4j', 'not-the-password'));
    try {
      await expect(intruder.executeQuery('RETURN 1')).rejects.toThrow(/unauthorized|authentication/i);
    } finally {
      await intruder.close();
    }
  });

  it('sends and receives an SQS message on moto', async () => {
    setting('AWS_ENDPOINT_URL');
    const sqs = new SQSClient({});
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `services-${randomUUID()}` }));
    expect(QueueUrl).toBeDefined();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello from the test services' }));
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }),
    );
    expect(Messages?.map((message) => message.Body)).toEqual(['hello from the test services']);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages?.[0]?.ReceiptHandle }));
  });

  it('creates a DynamoDB table with a TTL attribute and puts and gets an item on moto', async () => {
    setting('AWS_ENDPOINT_URL');
    const dynamo = new DynamoDBClient({});
    const TableName = `services-${randomUUID()}`;
    await dynamo.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await dynamo.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );
    const ttl = await dynamo.send(new DescribeTimeToLiveCommand({ TableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
    const expiresAt = String(Math.floor(Date.now() / 1000) + 3600);
    await dynamo.send(new PutItemCommand({ TableName, Item: { pk: { S: 'task-1' }, expiresAt: { N: expiresAt } } }));
    const { Item } = await dynamo.send(
      new GetItemCommand({ TableName, Key: { pk: { S: 'task-1' } }, ConsistentRead: true }),
    );
    expect(Item).toEqual({ pk: { S: 'task-1' }, expiresAt: { N: expiresAt } });
  });

  it('creates and reads a Secrets Manager secret on moto', async () => {
    setting('AWS_ENDPOINT_URL');
    const secrets = new SecretsManagerClient({});
    const Name = `services/${randomUUID()}`;
    await secrets.send(new CreateSecretCommand({ Name, SecretString: '{"key":"value"}' }));
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: Name }));
    expect(SecretString).toBe('{"key":"value"}');
  });

  it('accepts CloudWatch metrics on moto', async () => {
    setting('AWS_ENDPOINT_URL');
    const cloudwatch = new CloudWatchClient({});
    const Namespace = `Services/${randomUUID()}`;
    await cloudwatch.send(
      new PutMetricDataCommand({ Namespace, MetricData: [{ MetricName: 'Probe', Value: 1, Unit: 'Count' }] }),
    );
    const { Metrics } = await cloudwatch.send(new ListMetricsCommand({ Namespace }));
    expect(Metrics?.map((metric) => metric.MetricName)).toEqual(['Probe']);
  });
});
