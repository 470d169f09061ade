import { readdirSync, readlinkSync } from 'node:fs';

/** The child side of bench/support/proc.ts `ask()`: one handler per request type. */
export function answerRequests(handlers: Record<string, (request: Record<string, unknown>) => unknown>): void {
  process.on('message', (message: unknown) => {
    const request = message as { id?: string; type?: string } & Record<string, unknown>;
    const reply = (body: { value?: unknown; error?: string }): void => {
      process.send?.({ id: request.id, ...body });
    };
    const handler = request.type === undefined ? undefined : handlers[request.type];
    if (handler === undefined) return reply({ error: `unknown request ${String(request.type)}` });
    Promise.resolve()
      .then(() => handler(request))
      .then(
        (value) => reply({ value }),
        (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
      );
  });
  // The parent going away (even killed) ends this child: nothing is left behind.
  process.on('disconnect', () => process.exit(0));
}

/**
 * Open sockets and all active resources of this process. Sockets are counted from
 * /proc/self/fd, so idle pooled ones count too: undici unrefs an idle socket, and
 * `getActiveResourcesInfo()` lists only ref'd handles (it read 0 with 1,000 idle upstream
 * sockets still open). Listening sockets are included; compare against a baseline.
 */
export function resourceCounts(): { sockets: number; resources: number } {
  const resources = process.getActiveResourcesInfo();
  return { sockets: socketDescriptors() ?? resources.filter((name) => name === 'TCPSocketWrap').length, resources: resources.length };
}

/** Descriptors of this process that are sockets; undefined without /proc (not Linux). */
function socketDescriptors(): number | undefined {
  try {
    let sockets = 0;
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        if (readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) sockets += 1;
      } catch {
        // Closed between the listing and the read (the listing's own descriptor, for one).
      }
    }
    return sockets;
  } catch {
    return undefined;
  }
}
