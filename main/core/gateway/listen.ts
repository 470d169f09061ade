import type { Server } from 'node:http';

/** listen() failed; `message` is one line a person can act on. */
export class GatewayListenError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayListenError';
  }
}

export const DEFAULT_BIND_HOSTS = ['127.0.0.1', '::1'];

/** A loopback address this machine lacks (e.g. no IPv6): an extra bind host is skipped quietly. */
export function isAbsentAddress(code: string): boolean {
  return code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT';
}

/** Listens and resolves with the bound port (the real one when `port` is 0). */
export function listenOn(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

export function listenError(code: string, port: number, host: string): GatewayListenError {
  const where = `port ${port} on ${host}`;
  switch (code) {
    case 'EADDRINUSE':
      return new GatewayListenError(code, `${where} is already in use; choose another with --port`);
    case 'EACCES':
      return new GatewayListenError(code, `${where} needs privileges this user lacks; choose a port above 1024 with --port`);
    case 'EADDRNOTAVAIL':
      return new GatewayListenError(code, `${host} is not an address of this machine`);
    default:
      return new GatewayListenError(code, `cannot listen on ${where} (${code})`);
  }
}

/** Closes servers and every connection they hold (idle, active and streaming). */
export async function closeServers(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
}
