import type { AgentHealth, AgentSessions, WidgetState } from '../../../preload/contract.js';

/** A widget as the agent reports it in `{base}/admin/widgets/status`. */
export interface ReportedWidget {
  id: string;
  mount: string;
  title: string;
  description?: string;
  state: WidgetState;
  error?: string;
}

export interface HealthSnapshot {
  health: AgentHealth;
  widgets: ReportedWidget[];
  sessions: AgentSessions;
}
