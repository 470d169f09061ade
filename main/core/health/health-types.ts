import type { AgentHealth, AgentSessions, WidgetRecord } from '../../../preload/contract.js';

/** A widget as the agent reports it in `{base}/admin/widgets/status`: the record before the gateway gives it a host. */
export type ReportedWidget = Omit<WidgetRecord, 'host'>;

export interface HealthSnapshot {
  health: AgentHealth;
  widgets: ReportedWidget[];
  sessions: AgentSessions;
}
