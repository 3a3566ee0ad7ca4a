import type { CdkCustomResourceEvent } from 'aws-lambda';

const COMMON = {
  ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
  ResponseURL: 'https://cloudformation-custom-resource-response.example/response',
  StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Yggdrasil/guid',
  RequestId: 'request-1',
  LogicalResourceId: 'Step',
  ResourceType: 'Custom::Step',
} as const;

/** The events the CDK provider framework hands a provider, as CloudFormation sends them. */
export function createEvent<P extends object>(properties: P): CdkCustomResourceEvent<P> {
  return { ...COMMON, RequestType: 'Create', ResourceProperties: { ServiceToken: COMMON.ServiceToken, ...properties } };
}

export function updateEvent<P extends object>(
  physicalResourceId: string,
  properties: P,
  oldProperties: P,
): CdkCustomResourceEvent<P> {
  return {
    ...COMMON,
    RequestType: 'Update',
    PhysicalResourceId: physicalResourceId,
    ResourceProperties: { ServiceToken: COMMON.ServiceToken, ...properties },
    OldResourceProperties: oldProperties,
  };
}

export function deleteEvent<P extends object>(physicalResourceId: string, properties: P): CdkCustomResourceEvent<P> {
  return {
    ...COMMON,
    RequestType: 'Delete',
    PhysicalResourceId: physicalResourceId,
    ResourceProperties: { ServiceToken: COMMON.ServiceToken, ...properties },
  };
}
