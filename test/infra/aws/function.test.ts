import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '#functions/manifest';
import { BUNDLE_FILE } from '#infra/aws/bundling';
import { lambdaOf, logicalIdOf, resourceOf, resourcesOfType, synthesize, type Synthesized } from './synthesize.ts';

describe('YggFunction', () => {
  let synthesized: Synthesized;

  beforeAll(() => {
    synthesized = synthesize(manifest);
  });

  it('builds exactly one Lambda function per manifest entry, besides the deploy steps', () => {
    // Prepare
    const { stack } = synthesized;
    const deploySteps = [stack.signingKeyRing, stack.bootstrap].flatMap((step) =>
      step.node.findAll().filter((construct) => construct instanceof CfnFunction),
    );
    const entries = manifest.map((definition) => lambdaOf(synthesized, definition.name));

    // Act
    const functions = resourcesOfType(synthesized, 'AWS::Lambda::Function');

    // Assess
    expect(new Set(entries).size).toBe(manifest.length);
    expect(functions).toHaveLength(manifest.length + deploySteps.length);
  });

  it.each(manifest)('runs $name on nodejs22.x and arm64 with the memory and timeout of its entry', (definition) => {
    // Act
    const { Properties } = lambdaOf(synthesized, definition.name);

    // Assess
    expect(Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: definition.memoryMb,
      Timeout: definition.timeoutSeconds,
    });
  });

  it.each(manifest)('caps $name at the reserved concurrency of its entry, if any', (definition) => {
    // Act
    const { Properties } = lambdaOf(synthesized, definition.name);

    // Assess
    expect(Properties.ReservedConcurrentExecutions).toBe(definition.reservedConcurrency);
  });

  it('traces every function with X-Ray', () => {
    // Act
    const modes = manifest.map((definition) => lambdaOf(synthesized, definition.name).Properties.TracingConfig);

    // Assess
    expect(modes).toEqual(manifest.map(() => ({ Mode: 'Active' })));
  });

  it.each(manifest)('logs $name to a log group of its own, kept for 30 days', (definition) => {
    // Prepare
    const fn = synthesized.stack.functions.get(definition.name);
    if (!fn) throw new Error(`No function ${definition.name}`);

    // Act
    const { Properties } = lambdaOf(synthesized, definition.name);

    // Assess
    expect(Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logicalIdOf(synthesized, fn.logGroup) } });
    expect(resourceOf(synthesized, fn.logGroup).Properties.RetentionInDays).toBe(30);
  });

  it('names the Powertools service and metrics namespace, and sets no Node flag that slows the import', () => {
    // Act
    const { Properties } = lambdaOf(synthesized, 'get-task');

    // Assess
    expect(Properties.Environment).toMatchObject({
      Variables: { POWERTOOLS_SERVICE_NAME: 'yggdrasil', POWERTOOLS_METRICS_NAMESPACE: 'Yggdrasil' },
    });
    expect((Properties.Environment as { Variables: object }).Variables).not.toHaveProperty('NODE_OPTIONS');
  });

  it('bundles the handler as the shared options say: CommonJS with a source map', () => {
    // Prepare
    const code = lambdaOf(synthesized, 'health').Properties.Code as { S3Key: string };
    const assetDir = join(synthesized.app.outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);

    // Act
    const bundle = readFileSync(join(assetDir, BUNDLE_FILE), 'utf8');

    // Assess
    expect(BUNDLE_FILE).toBe('index.js');
    expect(bundle).toMatch(/module\.exports\s*=/);
    expect(existsSync(join(assetDir, `${BUNDLE_FILE}.map`))).toBe(true);
  });
});
