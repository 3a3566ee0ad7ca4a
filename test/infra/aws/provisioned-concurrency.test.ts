import { beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions, manifest, taskFunctions } from '#functions/manifest';
import { parseProvisionedConcurrency } from '#infra/aws/provisioned-concurrency';
import { logicalIdOf, resourcesOfType, synthesize, type Synthesized } from './synthesize.ts';

describe('parseProvisionedConcurrency', () => {
  it('reads environments per function name', () => {
    // Act
    const counts = parseProvisionedConcurrency('analyze-text=2, search-documents=1', manifest);

    // Assess
    expect(counts).toEqual({ 'analyze-text': 2, 'search-documents': 1 });
  });

  it('provisions nothing when the context is absent or blank', () => {
    // Act
    const counts = [parseProvisionedConcurrency(undefined, manifest), parseProvisionedConcurrency(' ', manifest)];

    // Assess
    expect(counts).toEqual([{}, {}]);
  });

  it.each(['analyze-text', 'analyze-text=0', 'analyze-text=-1', 'analyze-text=1.5', 'analyze-text:2', '=2'])(
    "refuses the malformed entry '%s'",
    (text) => {
      // Act
      const act = () => parseProvisionedConcurrency(text, manifest);

      // Assess
      expect(act).toThrow(/must be <function>=<environments>, e.g. analyze-text=2/);
    },
  );

  it('refuses a name the manifest lacks', () => {
    // Act
    const act = () => parseProvisionedConcurrency('analyse-text=1', manifest);

    // Assess
    expect(act).toThrow("provisionedConcurrency names 'analyse-text', which is no function of the manifest");
  });

  it('refuses a function named twice', () => {
    // Act
    const act = () => parseProvisionedConcurrency('analyze-text=1,analyze-text=2', manifest);

    // Assess
    expect(act).toThrow("provisionedConcurrency names 'analyze-text' twice");
  });

  it('refuses more environments than the function may run at once', () => {
    // Prepare
    const limited = manifest.map((fn) => (fn.name === 'analyze-text' ? { ...fn, reservedConcurrency: 2 } : fn));

    // Act
    const act = () => parseProvisionedConcurrency('analyze-text=3', limited);

    // Assess
    expect(act).toThrow("provisionedConcurrency for 'analyze-text' (3) exceeds its reserved concurrency (2)");
  });
});

describe('YggdrasilStack with provisioned concurrency', () => {
  let synthesized: Synthesized;

  beforeAll(() => {
    synthesized = synthesize(manifest, { provisionedConcurrency: { 'analyze-text': 2, 'process-documents': 1 } });
  });

  function functionOf(name: string) {
    const fn = synthesized.stack.functions.get(name);
    if (!fn) throw new Error(`No function ${name}`);
    return fn;
  }

  it('keeps the environments asked for on a live alias of the current version', () => {
    // Act
    const aliases = resourcesOfType(synthesized, 'AWS::Lambda::Alias');

    // Assess
    expect(
      aliases.map((alias) => [alias.Properties.FunctionName, alias.Properties.ProvisionedConcurrencyConfig]),
    ).toEqual(
      expect.arrayContaining([
        [
          { Ref: logicalIdOf(synthesized, functionOf(httpFunctions.analyzeText.name).handler) },
          { ProvisionedConcurrentExecutions: 2 },
        ],
        [
          { Ref: logicalIdOf(synthesized, functionOf(taskFunctions.processDocuments.name).handler) },
          { ProvisionedConcurrentExecutions: 1 },
        ],
      ]),
    );
    expect(aliases).toHaveLength(2);
  });

  it('sends the route of a provisioned function to its alias, so requests reach the initialised environments', () => {
    // Prepare
    const analyzeText = functionOf(httpFunctions.analyzeText.name);

    // Act
    const integrations = resourcesOfType(synthesized, 'AWS::ApiGatewayV2::Integration', {
      Properties: { IntegrationUri: { Ref: logicalIdOf(synthesized, analyzeText.entryPoint) } },
    });

    // Assess
    expect(analyzeText.entryPoint).not.toBe(analyzeText.handler);
    expect(integrations).toHaveLength(1);
  });

  it('has the queue of a provisioned task function invoke its alias', () => {
    // Prepare
    const processDocuments = functionOf(taskFunctions.processDocuments.name);

    // Act
    const mappings = resourcesOfType(synthesized, 'AWS::Lambda::EventSourceMapping');

    // Assess: CDK names the alias by its function's name and `:live`
    expect(JSON.stringify(mappings.map((mapping) => mapping.Properties.FunctionName))).toContain(
      `{"Ref":"${logicalIdOf(synthesized, processDocuments.entryPoint)}"}]}]},":live"`,
    );
  });

  it('invokes a function without provisioned concurrency directly', () => {
    // Act
    const getConcept = functionOf(httpFunctions.getConcept.name);

    // Assess
    expect(getConcept.entryPoint).toBe(getConcept.handler);
  });
});
