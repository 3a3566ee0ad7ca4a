import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ThrottlingProxy {
  /** `http://127.0.0.1:port`: use as AWS_ENDPOINT_URL. */
  readonly url: string;
  /** Answers DynamoDB writes to tables whose name contains `table` with throttling until `untilMs`. */
  throttleWrites(table: string, untilMs: number): void;
  /** DynamoDB requests answered with throttling so far. */
  readonly throttled: number;
  close(): Promise<void>;
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems']);

/**
 * An HTTP proxy in front of moto that answers chosen DynamoDB writes as DynamoDB does when a table is
 * over its throughput (`ProvisionedThroughputExceededException`, HTTP 400), and passes everything else on.
 */
export async function startThrottlingProxy(target: string): Promise<ThrottlingProxy> {
  const upstream = new URL(target);
  let rule: { table: string; untilMs: number } | undefined;
  let throttled = 0;
  const server: Server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      if (rule && Date.now() < rule.untilMs && WRITES.has(operation) && body.toString().includes(rule.table)) {
        throttled += 1;
        outgoing.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        outgoing.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            message: 'The level of configured provisioned throughput for the table was exceeded.',
          }),
        );
        return;
      }
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', () => outgoing.destroy());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    throttleWrites: (table, untilMs) => {
      rule = { table, untilMs };
    },
    get throttled() {
      return throttled;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
