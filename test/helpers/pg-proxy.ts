import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that can lose a COMMIT's acknowledgement: armed, it forwards
 * the COMMIT of the next connection that sent a statement matching `marker`, then closes the
 * client's side at once (the client sees the connection drop) and the server's side a moment later,
 * so the server has read and carried out the COMMIT — what a network failure or a restart at the
 * wrong moment does.
 */
export interface PgProxy {
  url: string;
  loseNextCommitAfter(marker: string): void;
  /** COMMITs whose acknowledgement was lost so far. */
  lost: number;
  close(): Promise<void>;
}

const COMMIT = Buffer.from('COMMIT\0');

export async function startPgProxy(targetUrl: string): Promise<PgProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let marker: string | undefined;
  const state = { lost: 0 };

  const server = net.createServer((client) => {
    const upstream = net.connect(
      Number(target.port || 5432),
      target.hostname === 'localhost' ? '127.0.0.1' : target.hostname,
    );
    sockets.add(client).add(upstream);
    let marked = false;
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closeBoth).on('close', () => sockets.delete(client));
    upstream.on('error', closeBoth).on('close', () => sockets.delete(upstream));
    upstream.on('data', (chunk: Buffer) => client.writable && client.write(chunk));
    upstream.on('end', () => client.end());
    client.on('end', () => upstream.end());
    client.on('data', (chunk: Buffer) => {
      if (marker !== undefined && chunk.includes(marker)) marked = true;
      if (marked && marker !== undefined && chunk.includes(COMMIT)) {
        marker = undefined;
        state.lost++;
        upstream.write(chunk);
        client.destroy();
        setTimeout(() => upstream.destroy(), 500).unref();
        return;
      }
      upstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  url.searchParams.delete('host'); // an embedded server's Unix socket: go through TCP, i.e. the proxy

  return {
    url: url.toString(),
    loseNextCommitAfter: (m: string) => {
      marker = m;
    },
    get lost() {
      return state.lost;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
