import net from 'node:net';

/**
 * A TCP proxy in front of a server (the test PostgreSQL), with a switch that
 * makes the server go silent without closing anything: `stall()` stops
 * forwarding in both directions while every socket stays open, as in a network
 * partition or a failover that hangs; `resume()` forwards again (what was held
 * back is dropped, as a partition would lose it). New connections made while
 * stalled are accepted and then hear nothing.
 */
export interface TcpProxy {
  /** host:port of the proxy. */
  readonly port: number;
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  stall(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(upstream: { host: string; port: number }): Promise<TcpProxy> {
  let stalled = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const server = net.connect(upstream.port, upstream.host);
    for (const s of [client, server]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    const pipe = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk) => {
        if (!stalled) to.write(chunk);
      });
      from.on('end', () => to.end());
      from.on('close', () => to.destroy());
    };
    pipe(client, server);
    pipe(server, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    urlFor(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    stall: () => void (stalled = true),
    resume: () => void (stalled = false),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
