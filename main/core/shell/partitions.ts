import { isAgentLabel, isWidgetLabel } from '../labels.js';

/**
 * Session partitions. Agents keep their storage across restarts
 * (`persist:`); widgets get an in-memory partition that vanishes with the app,
 * so a widget can store nothing an agent or another widget could read.
 */
export function agentPartition(label: string): string {
  return `persist:agent-${label}`;
}

export function widgetPartition(label: string): string {
  return `widget-${label}`;
}

export type PartitionKind = { kind: 'agent'; label: string } | { kind: 'widget'; label: string } | { kind: 'other' };

export function classifyPartition(partition: string | undefined): PartitionKind {
  if (partition === undefined) return { kind: 'other' };
  const agent = /^persist:agent-(.+)$/.exec(partition);
  if (agent?.[1] && isAgentLabel(agent[1])) return { kind: 'agent', label: agent[1] };
  const widget = /^widget-(.+)$/.exec(partition);
  if (widget?.[1] && isWidgetLabel(widget[1])) return { kind: 'widget', label: widget[1] };
  return { kind: 'other' };
}

/** `http://<label>.localhost:PORT` — the only origin a partition's pages may have. */
export function gatewayOrigin(label: string, port: number): string {
  return `http://${label}.localhost:${port}`;
}

/**
 * The single-label `*.localhost` host of a gateway URL, or undefined when the
 * URL is not plain `http://<label>.localhost:<port>/…` (credentials, another
 * port, https, two labels — all refused).
 */
export function gatewayLabelOf(rawUrl: string, port: number): string | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || url.username !== '' || url.password !== '') return undefined;
  if (url.port !== String(port)) return undefined;
  const match = /^([a-z0-9-]+)\.localhost$/.exec(url.hostname);
  return match?.[1];
}
