import { describe, expect, it } from 'vitest';
import { isTextContentType, toHttpEvent, toHttpResponse, type RequestHead } from '#infra/local/http-events';

const identity = {
  requestId: '6f1c1a4e-6a43-4bd4-8f57-6b0c1b8d1f10',
  receivedAt: new Date('2020-03-12T19:03:58.123Z'),
};

function request(overrides: Partial<RequestHead> = {}): RequestHead {
  return {
    method: 'GET',
    url: '/health',
    rawHeaders: ['Host', 'localhost:3000', 'User-Agent', 'curl/8.5.0'],
    httpVersion: '1.1',
    socket: { remoteAddress: '::ffff:127.0.0.1', localPort: 3000 },
    ...overrides,
  };
}

const noBody = Buffer.alloc(0);
const healthRoute = { routeKey: 'GET /health' };

describe('toHttpEvent', () => {
  it('declares payload format version 2.0', () => {
    const event = toHttpEvent(request(), noBody, healthRoute, identity);

    expect(event.version).toBe('2.0');
  });

  it('carries the matched route key in the event and its request context', () => {
    const event = toHttpEvent(request({ url: '/tasks/abc' }), noBody, { routeKey: 'GET /tasks/{taskId}' }, identity);

    expect(event.routeKey).toBe('GET /tasks/{taskId}');
    expect(event.requestContext.routeKey).toBe('GET /tasks/{taskId}');
  });

  it('passes the path parameters of the match', () => {
    const route = { routeKey: 'GET /tasks/{taskId}', pathParameters: { taskId: 'abc' } };

    const event = toHttpEvent(request({ url: '/tasks/abc' }), noBody, route, identity);

    expect(event.pathParameters).toEqual({ taskId: 'abc' });
  });

  it('leaves pathParameters out when the route has none', () => {
    const event = toHttpEvent(request(), noBody, { routeKey: '$default', pathParameters: {} }, identity);

    expect(event).not.toHaveProperty('pathParameters');
  });

  it('lowercases header names and joins repeated headers with commas', () => {
    const rawHeaders = ['Host', 'localhost:3000', 'X-Tag', 'a', 'x-tag', 'b', 'Accept', 'text/plain'];

    const event = toHttpEvent(request({ rawHeaders }), noBody, healthRoute, identity);

    expect(event.headers).toMatchObject({ host: 'localhost:3000', 'x-tag': 'a,b', accept: 'text/plain' });
  });

  it('adds the forwarding headers API Gateway adds', () => {
    const event = toHttpEvent(request(), noBody, healthRoute, identity);

    expect(event.headers).toMatchObject({
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': '3000',
    });
  });

  it('moves cookies out of the headers into the cookies list', () => {
    const rawHeaders = ['Host', 'localhost', 'Cookie', 'session=abc; theme=dark', 'Cookie', 'lang=nb'];

    const event = toHttpEvent(request({ rawHeaders }), noBody, healthRoute, identity);

    expect(event.cookies).toEqual(['session=abc', 'theme=dark', 'lang=nb']);
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it('splits the path from the raw query string', () => {
    const event = toHttpEvent(request({ url: '/search?q=tree&page=2' }), noBody, healthRoute, identity);

    expect(event.rawPath).toBe('/search');
    expect(event.rawQueryString).toBe('q=tree&page=2');
  });

  it('decodes query parameters and joins repeated keys with commas', () => {
    const event = toHttpEvent(request({ url: '/search?tag=a&tag=b%20c&empty&x=1' }), noBody, healthRoute, identity);

    expect(event.queryStringParameters).toEqual({ tag: 'a,b c', empty: '', x: '1' });
  });

  it('leaves queryStringParameters out when there is no query', () => {
    const event = toHttpEvent(request({ url: '/health' }), noBody, healthRoute, identity);

    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event.rawQueryString).toBe('');
  });

  it('keeps a query key such as __proto__ as a plain parameter', () => {
    const event = toHttpEvent(request({ url: '/x?__proto__=1&constructor=2' }), noBody, healthRoute, identity);

    expect(Object.entries(event.queryStringParameters ?? {})).toEqual([
      ['__proto__', '1'],
      ['constructor', '2'],
    ]);
  });

  it('passes a JSON body as text', () => {
    const rawHeaders = ['Host', 'localhost', 'Content-Type', 'application/json; charset=utf-8'];

    const event = toHttpEvent(request({ method: 'POST', rawHeaders }), Buffer.from('{"a":"ø"}'), healthRoute, identity);

    expect(event.body).toBe('{"a":"ø"}');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('passes a binary body base64-encoded', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const rawHeaders = ['Host', 'localhost', 'Content-Type', 'image/png'];

    const event = toHttpEvent(request({ method: 'POST', rawHeaders }), bytes, healthRoute, identity);

    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });

  it('passes a text body that is not UTF-8 base64-encoded, byte for byte', () => {
    const bytes = Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"n":"\xff\xfe"}
    const rawHeaders = ['Host', 'localhost', 'Content-Type', 'application/json'];

    const event = toHttpEvent(request({ method: 'POST', rawHeaders }), bytes, healthRoute, identity);

    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });

  it('leaves the body out when the request has none', () => {
    const event = toHttpEvent(request(), noBody, healthRoute, identity);

    expect(event).not.toHaveProperty('body');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('fills the request context as API Gateway does', () => {
    const event = toHttpEvent(request({ method: 'post', url: '/documents?x=1' }), noBody, healthRoute, identity);

    expect(event.requestContext).toMatchObject({
      accountId: '000000000000',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/documents',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'curl/8.5.0',
      },
      requestId: identity.requestId,
      stage: '$default',
      time: '12/Mar/2020:19:03:58 +0000',
      timeEpoch: identity.receivedAt.getTime(),
    });
  });
});

describe('toHttpEvent on a sparse request', () => {
  it('takes a request without method, URL, host or address as GET / from 127.0.0.1 on localhost', () => {
    // Prepare
    const sparse = request({ rawHeaders: [], socket: { localPort: 3000 } });
    Reflect.deleteProperty(sparse, 'method');
    Reflect.deleteProperty(sparse, 'url');

    // Act
    const event = toHttpEvent(sparse, noBody, healthRoute, identity);

    // Assess
    expect(event.rawPath).toBe('/');
    expect(event.requestContext).toMatchObject({
      domainName: 'localhost',
      http: { method: 'GET', path: '/', sourceIp: '127.0.0.1' },
    });
  });

  it('names the first label of the host as the domain prefix, without the port', () => {
    const rawHeaders = ['Host', 'api.example.org:8443'];
    const event = toHttpEvent(request({ rawHeaders }), noBody, healthRoute, identity);
    expect(event.requestContext).toMatchObject({ domainName: 'api.example.org', domainPrefix: 'api' });
  });

  it('passes an IPv6 client address as it is', () => {
    const event = toHttpEvent(
      request({ socket: { remoteAddress: '::1', localPort: 3000 } }),
      noBody,
      healthRoute,
      identity,
    );
    expect(event.requestContext.http.sourceIp).toBe('::1');
  });

  it('passes a malformed %-escape in the query as sent', () => {
    const event = toHttpEvent(request({ url: '/documents?q=100%&x=%E0%A4%A' }), noBody, healthRoute, identity);
    expect(event.queryStringParameters).toEqual({ q: '100%', x: '%E0%A4%A' });
  });

  it('ignores a header name the raw list gives without a value', () => {
    const event = toHttpEvent(
      request({ rawHeaders: ['Host', 'localhost', 'X-Dangling'] }),
      noBody,
      healthRoute,
      identity,
    );
    expect(event.headers).not.toHaveProperty('x-dangling');
  });
});

describe('isTextContentType', () => {
  it.each([
    'application/json',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'application/xml',
    'application/problem+json',
    'TEXT/HTML',
  ])('treats %s as text', (contentType) => {
    expect(isTextContentType(contentType)).toBe(true);
  });

  it.each([undefined, '', 'application/octet-stream', 'image/png', 'multipart/form-data; boundary=x'])(
    'treats %s as binary',
    (contentType) => {
      expect(isTextContentType(contentType)).toBe(false);
    },
  );
});

describe('toHttpResponse', () => {
  it('sends the status, lowercased headers and text body of a structured result', () => {
    const response = toHttpResponse({
      statusCode: 201,
      headers: { 'Content-Type': 'text/plain', 'X-Count': 3 },
      body: 'made',
    });

    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual({ 'content-type': 'text/plain', 'x-count': '3' });
    expect(response.body.toString('utf8')).toBe('made');
  });

  it('decodes a base64-encoded body', () => {
    const bytes = Buffer.from([0x1f, 0x8b, 0x08, 0x00]);

    const response = toHttpResponse({ statusCode: 200, body: bytes.toString('base64'), isBase64Encoded: true });

    expect(response.body).toEqual(bytes);
  });

  it('turns each cookie into its own set-cookie header', () => {
    const response = toHttpResponse({ statusCode: 200, cookies: ['a=1; Path=/', 'b=2; HttpOnly'] });

    expect(response.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
  });

  it('sends a result without a statusCode as a 200 JSON body', () => {
    const response = toHttpResponse({ hello: 'world' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ hello: 'world' });
  });

  it('rejects a status code HTTP does not have', () => {
    expect(() => toHttpResponse({ statusCode: 1000 })).toThrow(/statusCode/);
  });

  it('sends a result of undefined as a JSON null', () => {
    const response = toHttpResponse(undefined);
    expect(response.body.toString('utf8')).toBe('null');
  });

  it('sends a Set-Cookie header of the result before its cookies', () => {
    const response = toHttpResponse({ statusCode: 204, headers: { 'Set-Cookie': 'a=1' }, cookies: ['b=2'] });
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('sends an empty body for a structured result without one', () => {
    const response = toHttpResponse({ statusCode: 204 });
    expect(response).toMatchObject({ statusCode: 204, headers: {} });
    expect(response.body).toHaveLength(0);
  });
});
