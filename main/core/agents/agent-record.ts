import type { AgentHealth, AgentRecord, AttentionCounts, WidgetRecord } from '../../../preload/contract.js';
import type { HealthSnapshot, ReportedWidget } from '../health/health-types.js';
import type { AgentRuntimeView } from './agent-runtime.js';
import type { Workspace } from '../workspace/workspace-types.js';

export const UNKNOWN_HEALTH: AgentHealth = Object.freeze({
  status: 'unknown',
  latencyMs: null,
  version: null,
  capabilities: [],
  checkedAt: null,
}) as AgentHealth;

/** Before lifecycle has looked (or without lifecycle). */
const NO_RUNTIME: AgentRecord['runtime'] = Object.freeze({ kind: 'none', container: 'unknown' }) as AgentRecord['runtime'];

/**
 * Merges a workspace and its latest health into the record the UI sees.
 * Built field by field from an allow-list, so nothing secret can ride along.
 */
export function buildAgentRecord(
  workspace: Workspace,
  snapshot: HealthSnapshot | undefined,
  widgetHost: (mount: string) => string | undefined,
  attention: AttentionCounts = { needsYou: 0, finished: 0 },
  runtime?: AgentRuntimeView,
): AgentRecord {
  const ready = workspace.state === 'ready';
  const health = ready && snapshot ? { ...snapshot.health, capabilities: [...snapshot.health.capabilities] } : { ...UNKNOWN_HEALTH, capabilities: [] };
  if (ready) applyRuntime(health, runtime);
  const widgets = ready && snapshot ? snapshot.widgets.map((widget) => toWidgetRecord(widget, widgetHost(widget.mount))) : [];
  const record: AgentRecord = {
    id: workspace.id,
    name: workspace.name,
    root: workspace.root,
    label: workspace.label,
    state: workspace.state,
    health,
    widgets,
    sessions: ready && snapshot ? { ...snapshot.sessions } : { count: 0, activeRuns: 0 },
    attention: { needsYou: attention.needsYou, finished: attention.finished },
    runtime: runtime ? { ...runtime.runtime } : { ...NO_RUNTIME },
  };
  if (workspace.reason !== undefined) record.reason = workspace.reason;
  return record;
}

/**
 * Lifecycle refines health: an agent whose token is held back is offline for
 * the reason Docker gives (it is not probed at all), and an agent being
 * started or stopped shows that until health or Docker confirms.
 */
function applyRuntime(health: AgentHealth, runtime: AgentRuntimeView | undefined): void {
  if (runtime?.hold !== undefined) {
    health.status = 'offline';
    health.error = runtime.hold;
    health.checkedAt = null;
  }
  if (runtime?.transition !== undefined) health.status = runtime.transition;
}

function toWidgetRecord(widget: ReportedWidget, host: string | undefined): WidgetRecord {
  const record: WidgetRecord = { id: widget.id, mount: widget.mount, title: widget.title, state: widget.state };
  if (widget.description !== undefined) record.description = widget.description;
  if (widget.error !== undefined) record.error = widget.error;
  if (host !== undefined) record.host = host;
  return record;
}

/** Records in directory order: by name, then by workspace path (via label). */
export function compareRecords(a: AgentRecord, b: AgentRecord): number {
  return a.name.localeCompare(b.name) || a.root.localeCompare(b.root) || a.id.localeCompare(b.id);
}
