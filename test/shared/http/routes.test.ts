import { describe, expect, it } from 'vitest';
import { httpFunctions } from '#functions/manifest';
import { allowedMethods, findRoute, matchPath, routeKeyOf } from '#shared/http/routes';

const functions = Object.values(httpFunctions);

describe('routes', () => {
  it('match a parameter to one path segment', () => {
    expect(matchPath('/tasks/{taskId}', '/tasks/abc')).toEqual({ taskId: 'abc' });
    expect(matchPath('/tasks/{taskId}', '/tasks/abc/def')).toBeUndefined();
    expect(matchPath('/tasks/{taskId}', '/tasks/')).toBeUndefined();
  });

  it('keep a malformed escape as sent instead of throwing', () => {
    expect(matchPath('/tasks/{taskId}', '/tasks/%E0%A4%A')).toEqual({ taskId: '%E0%A4%A' });
  });

  it('find the function of a method and path', () => {
    expect(findRoute('GET', '/health', functions)?.fn.name).toBe('health');
    expect(findRoute('POST', '/health', functions)).toBeUndefined();
  });

  it('name the methods a known path allows', () => {
    expect(allowedMethods('/health', functions)).toEqual(['GET']);
    expect(allowedMethods('/nowhere', functions)).toEqual([]);
  });
});

describe('routeKeyOf', () => {
  it('names a routed function by method and path pattern', () => {
    expect(routeKeyOf(httpFunctions.getTask)).toBe('GET /tasks/{taskId}');
  });

  it('names the fallback $default', () => {
    expect(routeKeyOf(httpFunctions.fallback)).toBe('$default');
  });
});
