import { httpFunctions } from '#functions/manifest';
import { MethodNotAllowedError, NotFoundError } from '#shared/errors';
import { openHttpFunction } from '#shared/http/open-http-function';
import { allowedMethods } from '#shared/http/routes';

const functions = Object.values(httpFunctions);

/** `$default`: whatever no route matched. A known path with another method is a 405, anything else a 404. */
export const handler = openHttpFunction(httpFunctions.fallback, (event) => {
  const method = event.requestContext.http.method;
  const path = event.rawPath;
  const allowed = allowedMethods(path, functions);
  if (allowed.length > 0) return Promise.reject(new MethodNotAllowedError(method, path, allowed));
  return Promise.reject(new NotFoundError(`No route for ${method} ${path}`));
});
