import type { HttpFunction } from '#shared/function-definitions';

export interface RouteMatch {
  readonly fn: HttpFunction;
  readonly pathParameters: Record<string, string>;
}

/** The route key API Gateway names a function's route by: `GET /tasks/{taskId}`, or `$default`. */
export function routeKeyOf(fn: HttpFunction): string {
  return fn.route === '$default' ? '$default' : `${fn.route.method} ${fn.route.path}`;
}

/** Matches `/tasks/{taskId}` against `/tasks/abc` as API Gateway does: one path segment per parameter. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const patternParts = pattern.split('/');
  const pathParts = path.split('/');
  if (patternParts.length !== pathParts.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    const parameter = /^\{(\w+)\}$/.exec(part)?.[1];
    if (parameter) {
      if (actual === '') return undefined;
      parameters[parameter] = decodeSegment(actual);
    } else if (part !== actual) {
      return undefined;
    }
  }
  return parameters;
}

/** The function of `functions` (the manifest's) serving `method path`, or undefined (then `$default` answers). */
export function findRoute(method: string, path: string, functions: readonly HttpFunction[]): RouteMatch | undefined {
  for (const fn of functions) {
    if (fn.route === '$default' || fn.route.method !== method) continue;
    const pathParameters = matchPath(fn.route.path, path);
    if (pathParameters) return { fn, pathParameters };
  }
  return undefined;
}

/** Methods that some route accepts on this path: non-empty means 405, empty means 404. */
export function allowedMethods(path: string, functions: readonly HttpFunction[]): string[] {
  return functions.flatMap((fn) =>
    fn.route !== '$default' && matchPath(fn.route.path, path) ? [fn.route.method] : [],
  );
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed %-escapes are kept as sent; the handler's validation rejects them
  }
}
