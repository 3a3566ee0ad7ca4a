import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { manifest } from '#functions/manifest';
import { parseProvisionedConcurrency } from './provisioned-concurrency.ts';
import { YggdrasilStack } from './stack.ts';

/**
 * The CDK app (`cdk.json` runs it). Every resource is checked against the cdk-nag AWS Solutions rules; a finding
 * fails synth unless it is acknowledged (`Validations.of(x).acknowledge`) beside the resource that raises it, with
 * its reason.
 *
 * Context:
 * - `-c neo4jUri=neo4j+s://<id>.databases.neo4j.io`: the Neo4j Aura address. Deploy once without it, put the
 *   Aura credentials in the Neo4j secret, then deploy with it: that deploy runs the graph migrations.
 * - `-c qdrantUrl=https://<id>.cloud.qdrant.io:6333`: the Qdrant Cloud address (its API key goes in the secret).
 * - `-c rateLimitPrincipal=120/60`, `-c rateLimitAnonymous=60/60`, `-c rateLimitTokenIp=20/60`,
 *   `-c rateLimitTokenUserIp=5/300`, `-c rateLimitTokenUser=100/3600`: per-caller
 *   rate limits (`<requests>/<seconds>`); each one left out keeps the runtime's default.
 * - `-c provisionedConcurrency=analyze-text=1,search-documents=1`: environments Lambda keeps initialised per
 *   function (billed while they exist); none by default. README, "Cold starts".
 */
const app = new App();

function optionalContext(key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value !== undefined && typeof value !== 'string') throw new Error(`Context ${key} must be a string`);
  return value;
}

new YggdrasilStack(app, 'Yggdrasil', {
  description: 'Yggdrasil knowledge platform: HTTP API, task queues, tables, secrets, deploy-time bootstrap, alarms',
  functions: manifest,
  projectRoot: fileURLToPath(new URL('../..', import.meta.url)),
  neo4jUri: optionalContext('neo4jUri'),
  qdrantUrl: optionalContext('qdrantUrl'),
  rateLimits: {
    principal: optionalContext('rateLimitPrincipal'),
    tokenPerIp: optionalContext('rateLimitTokenIp'),
    tokenPerUser: optionalContext('rateLimitTokenUser'),
    tokenPerUserIp: optionalContext('rateLimitTokenUserIp'),
    anonymous: optionalContext('rateLimitAnonymous'),
  },
  provisionedConcurrency: parseProvisionedConcurrency(optionalContext('provisionedConcurrency'), manifest),
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
