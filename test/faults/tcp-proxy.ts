import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

export interface TcpProxy {
  /** `127.0.0.1:port` to dial instead of the target. */
  readonly address: string;
  readonly port: number;
  /** Cuts every open connection and refuses new ones: to its clients the server is gone. */
  cut(): void;
  /** Accepts connections again. */
  restore(): void;
  /** Holds each chunk this long before passing it on, so work takes long enough to be interrupted. */
  setLatency(milliseconds: number): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a server (Neo4j's Bolt port) that a test can cut and restore: to the driver it
 * looks exactly like the server stopping and starting again, without restarting a JVM.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let down = false;
  let latency = 0;
  const delay = (socket: Socket, chunk: Buffer): void => {
    if (latency === 0) socket.write(chunk);
    else setTimeout(() => socket.writable && socket.write(chunk), latency);
  };
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    open.add(client);
    open.add(upstream);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    upstream.connect(target.port, target.host);
    client.on('data', (chunk: Buffer) => delay(upstream, chunk));
    upstream.on('data', (chunk: Buffer) => delay(client, chunk));
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    port,
    cut: () => {
      down = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore: () => {
      down = false;
    },
    setLatency: (milliseconds) => {
      latency = milliseconds;
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
