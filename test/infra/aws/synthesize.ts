import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { App, CfnElement } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import { vi } from 'vitest';
import type { FunctionDefinition } from '#functions/manifest';
import { YggdrasilStack, type YggdrasilStackProps } from '#infra/aws/stack';

export const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Given unless a test passes its own `neo4jUri` (or `undefined`, to see the placeholder). */
export const TEST_NEO4J_URI = 'neo4j+s://test.databases.neo4j.io';

const FIXTURE_HANDLER = 'test/infra/aws/fixtures/handler.ts';

/** The same functions, each bundled from the fixture handler instead of its own entry. */
export function withFixtureHandler(functions: readonly FunctionDefinition[]): FunctionDefinition[] {
  return functions.map((fn) => ({ ...fn, entry: FIXTURE_HANDLER }));
}

/** The feature flags `cdk synth` runs with, so tests synthesize what the CLI does. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface Synthesized {
  readonly app: App;
  readonly stack: YggdrasilStack;
  readonly template: Template;
}

/**
 * Builds the stack for `functions` (bundled from the fixture handler) in a fresh app and synthesizes it.
 *
 * @example
 * const { template } = synthesize(manifest);
 */
export function synthesize(
  functions: readonly FunctionDefinition[],
  props: Partial<Omit<YggdrasilStackProps, 'functions' | 'projectRoot'>> = {},
): Synthesized {
  return intoSynthLog(() => {
    const app = new App({ context: cdkJsonContext() });
    const stack = new YggdrasilStack(app, 'Test', {
      functions: withFixtureHandler(functions),
      projectRoot,
      neo4jUri: TEST_NEO4J_URI,
      ...props,
    });
    return { app, stack, template: Template.fromStack(stack) };
  });
}

/** The annotations (warnings, errors) of a synthesized stack; reading them synthesizes again, as quietly. */
export function annotationsOf({ stack }: Synthesized): Annotations {
  return intoSynthLog(() => Annotations.fromStack(stack));
}

/** A resource of the synthesized template, as CloudFormation sees it. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

/** The logical id of the resource `construct` (an L1 resource, or an L2 whose default child is one) became. */
export function logicalIdOf({ stack }: Synthesized, construct: IConstruct): string {
  const element = CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild;
  if (!element || !CfnElement.isCfnElement(element))
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return stack.getLogicalId(element);
}

/** The template resource `construct` became. */
export function resourceOf(synthesized: Synthesized, construct: IConstruct): TemplateResource {
  // toJSON() is typed `any`: the template is whatever CloudFormation JSON the stack produced.
  const resources = synthesized.template.toJSON().Resources as Record<string, TemplateResource>;
  const resource = resources[logicalIdOf(synthesized, construct)];
  if (!resource) throw new Error(`${construct.node.path} is not in the template`);
  return resource;
}

/** The Lambda function resource built for the manifest entry `name`. */
export function lambdaOf(synthesized: Synthesized, name: string): TemplateResource {
  const fn = synthesized.stack.functions.get(name);
  if (!fn) throw new Error(`No function '${name}' in the stack`);
  return resourceOf(synthesized, fn.handler);
}

/**
 * Every action the role of `fn` (a Lambda construct) allows on the resource `logicalId` stands for (its ARN,
 * and for a table its indexes too), sorted and without repeats.
 */
export function actionsOn(synthesized: Synthesized, fn: IFunction, logicalId: string): string[] {
  if (!fn.role) throw new Error(`${fn.node.path} has no role`);
  const roleId = logicalIdOf(synthesized, fn.role);
  const policies = resourcesOfType(synthesized, 'AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  const statements = policies.flatMap(
    (policy) =>
      (policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement,
  );
  const actions = statements
    .filter((statement) => JSON.stringify(statement.Resource).includes(`"${logicalId}"`))
    .flatMap((statement) => statement.Action);
  return [...new Set(actions)].sort();
}

/** The environment variables of the Lambda resource `fn` became. */
export function variablesOf(synthesized: Synthesized, fn: IFunction): Record<string, unknown> {
  const environment = resourceOf(synthesized, fn).Properties.Environment as { Variables: Record<string, unknown> };
  return environment.Variables;
}

/** The template resources of `type` whose definition matches `props` (as `Template.findResources` does). */
export function resourcesOfType({ template }: Synthesized, type: string, props?: object): TemplateResource[] {
  // findResources is typed `any`: the template is whatever CloudFormation JSON the stack produced.
  return Object.values(template.findResources(type, props)) as TemplateResource[];
}

/** Where what CDK prints while synthesizing (bundling progress, the validation report) is kept. */
export const SYNTH_LOG = join(projectRoot, '.cache', 'logs', 'cdk-synth.log');

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Runs `synth` with CDK's console output ("Bundling asset …", annotations and cdk-nag findings) sent to
 * SYNTH_LOG instead of the test run's output. Tests read findings through `Annotations` and cdk-nag's
 * report, so nothing is lost, and a failure stays the first thing the run shows.
 */
function intoSynthLog<T>(synth: () => T): T {
  mkdirSync(join(projectRoot, '.cache', 'logs'), { recursive: true });
  const keep = (text: string): void => appendFileSync(SYNTH_LOG, text.endsWith('\n') ? text : `${text}\n`);
  const spies = [
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      keep(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
    ...CONSOLE_METHODS.map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => keep(format(...args))),
    ),
  ];
  try {
    return synth();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
