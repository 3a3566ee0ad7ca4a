import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions, manifest, type HttpFunction } from '#functions/manifest';
import { DEFAULT_THROTTLE } from '#infra/aws/http-api';
import { logicalIdOf, resourcesOfType, synthesize, type Synthesized } from './synthesize.ts';

const routes: readonly HttpFunction[] = Object.values(httpFunctions);

function routeKey(route: HttpFunction['route']): string {
  return route === '$default' ? '$default' : `${route.method} ${route.path}`;
}

describe('YggHttpApi', () => {
  let synthesized: Synthesized;

  beforeAll(() => {
    synthesized = synthesize(manifest);
  });

  it('is an HTTP API (API Gateway v2)', () => {
    // Act
    const apis = resourcesOfType(synthesized, 'AWS::ApiGatewayV2::Api');

    // Assess
    expect(apis.map((api) => api.Properties.ProtocolType)).toEqual(['HTTP']);
  });

  it('has exactly one route per HTTP function', () => {
    // Act
    const found = resourcesOfType(synthesized, 'AWS::ApiGatewayV2::Route');

    // Assess
    expect(found.map((route) => route.Properties.RouteKey).sort()).toEqual(
      routes.map((fn) => routeKey(fn.route)).sort(),
    );
  });

  it.each(routes.map((definition) => ({ definition, name: definition.name, key: routeKey(definition.route) })))(
    'sends $key requests to $name through a payload 2.0 Lambda proxy',
    ({ definition }) => {
      // Prepare
      const fn = synthesized.stack.functions.get(definition.name);
      if (!fn) throw new Error(`No function ${definition.name}`);
      const integrations = synthesized.template.findResources('AWS::ApiGatewayV2::Integration', {
        Properties: {
          IntegrationType: 'AWS_PROXY',
          PayloadFormatVersion: '2.0',
          IntegrationUri: { 'Fn::GetAtt': [logicalIdOf(synthesized, fn.handler), 'Arn'] },
        },
      });
      const [integrationId] = Object.keys(integrations);

      // Act
      const found = synthesized.template.findResources('AWS::ApiGatewayV2::Route', {
        Properties: {
          RouteKey: routeKey(definition.route),
          Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
        },
      });

      // Assess
      expect(Object.keys(found)).toHaveLength(1);
    },
  );

  it('sends every request no route matches to the $default route', () => {
    // Act
    const found = resourcesOfType(synthesized, 'AWS::ApiGatewayV2::Route', { Properties: { RouteKey: '$default' } });

    // Assess
    expect(found).toHaveLength(1);
  });

  it('throttles the stage at the default rate and burst', () => {
    // Act & Assess
    synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: DEFAULT_THROTTLE.rateLimit,
        ThrottlingBurstLimit: DEFAULT_THROTTLE.burstLimit,
      },
    });
  });

  it('writes one JSON access-log line per request to a log group', () => {
    // Prepare
    const logGroupId = logicalIdOf(synthesized, synthesized.stack.http.accessLogs);

    // Act & Assess
    synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
        Format: Match.serializedJson(Match.objectLike({ requestId: '$context.requestId', status: '$context.status' })),
      },
    });
  });
});

describe('YggHttpApi with throttle settings', () => {
  it('throttles the stage at the given rate and burst', () => {
    // Prepare
    const throttle = { rateLimit: 7, burstLimit: 11 };

    // Act
    const { template } = synthesize(manifest, { throttle });

    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 7, ThrottlingBurstLimit: 11 },
    });
  });
});
