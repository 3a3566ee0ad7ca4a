import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { manifest } from '#functions/manifest';
import { YggdrasilStack } from './stack.ts';

/**
 * The CDK app (`cdk.json` runs it). Every resource is checked against the cdk-nag AWS Solutions rules; a finding
 * fails synth unless it is acknowledged (`Validations.of(x).acknowledge`) beside the resource that raises it, with
 * its reason.
 *
 * Context: `-c neo4jUri=neo4j+s://<id>.databases.neo4j.io` (the Neo4j Aura address).
 */
const app = new App();
const neo4jUri: unknown = app.node.tryGetContext('neo4jUri');
if (neo4jUri !== undefined && typeof neo4jUri !== 'string') throw new Error('Context neo4jUri must be a string');

new YggdrasilStack(app, 'Yggdrasil', {
  description: 'Yggdrasil knowledge platform: HTTP API, task queues, progress table, Neo4j credentials, alarms',
  functions: manifest,
  projectRoot: fileURLToPath(new URL('../..', import.meta.url)),
  neo4jUri,
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
