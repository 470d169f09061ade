/**
 * The one parser of gateway hosts: `<label>.localhost:<port>` as a Host
 * header (the gateway) and as a URL (the Electron shell's policies). Only
 * the shape the gateway mints is accepted: one label, lower case, no
 * trailing dot, the gateway's port exactly, no userinfo, plain http.
 */

/** `.localhost:<port>` of the last port asked about (one gateway → one port: no per-request string building). */
let cachedPort = -1;
let cachedSuffix = '';

function suffixFor(port: number): string {
  if (port !== cachedPort) {
    cachedSuffix = `.localhost:${port}`;
    cachedPort = port;
  }
  return cachedSuffix;
}

/** One DNS label: `[a-z0-9]`, inner hyphens, ≤ 63. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The single label of `<label>.localhost:<port>` when the Host header names
 * this gateway's port exactly, else undefined. Nested labels are refused
 * (two labels under one parent would be one site).
 */
export function hostLabel(host: string | undefined, port: number): string | undefined {
  if (host === undefined) return undefined;
  const suffix = suffixFor(port);
  if (host.length <= suffix.length || !host.endsWith(suffix)) return undefined;
  const label = host.slice(0, host.length - suffix.length);
  return LABEL.test(label) ? label : undefined;
}

/**
 * The label of a gateway URL `http://<label>.localhost:<port>/…`, or
 * undefined (credentials, another port, https, two labels — all refused).
 */
export function labelOfUrl(rawUrl: string, port: number): string | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || url.username !== '' || url.password !== '') return undefined;
  if (url.port !== String(port)) return undefined;
  return hostLabel(url.host, port);
}

export function hostOf(label: string, port: number): string {
  return `${label}.localhost:${port}`;
}

/** `http://<label>.localhost:PORT` — the origin of a label. */
export function originOf(label: string, port: number): string {
  return `http://${label}.localhost:${port}`;
}
