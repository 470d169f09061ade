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

/** Open TCP sockets and all active resources of this process, from Node's own accounting. */
export function resourceCounts(): { sockets: number; resources: number } {
  const resources = process.getActiveResourcesInfo();
  return { sockets: resources.filter((name) => name === 'TCPSocketWrap').length, resources: resources.length };
}
