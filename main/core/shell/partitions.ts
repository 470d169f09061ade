import { isAgentLabel, isWidgetLabel } from '../hosts/index.js';

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

/**
 * `gatewayOrigin` is the origin of a label; `gatewayLabelOf` the label of a
 * gateway URL — both from the one host parser (core/hosts).
 */
export { originOf as gatewayOrigin, labelOfUrl as gatewayLabelOf } from '../hosts/index.js';
