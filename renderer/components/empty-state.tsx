import { useStore } from 'zustand';
import type { RootStatus } from '../../preload/contract.js';
import { useDesk } from '../api/desk-context.js';
import { ErrorNotice, Loading } from './request-state.js';

const ROOT_STATE_TEXT: Record<RootStatus['state'], string> = {
  ok: 'looked here, no workspaces yet',
  missing: 'does not exist',
  'not-a-directory': 'is not a folder',
  unreadable: 'cannot be read',
};

const SOURCE_TEXT: Record<RootStatus['source'], string> = {
  default: 'default',
  settings: 'from settings',
  flag: 'from --root',
};

/** First run: where the desk looked, what a workspace is, how to add one or a root. */
export function EmptyState() {
  const { stores, actions } = useDesk();
  const info = useStore(stores.desk, (s) => s.info);
  const status = useStore(stores.desk, (s) => s.status);
  const error = useStore(stores.desk, (s) => s.error);
  const firstRoot = info?.roots[0]?.path ?? '~/.config/term-llm/containers';
  return (
    <section className="empty-state" aria-labelledby="empty-title" data-testid="empty-state">
      <h1 id="empty-title">No agents found yet</h1>
      <h2>Where Agent Desk looked</h2>
      {status === 'loading' && <Loading label="Loading the workspace roots…" />}
      {status === 'failed' && (
        <ErrorNotice title="Could not load where the desk looks." message={error ?? ''} onRetry={() => void actions.loadDeskInfo()} />
      )}
      {info && (
        <ul className="root-list" aria-label="Workspace roots">
          {info.roots.map((root) => (
            <li key={root.path} className={`root root-${root.state}`}>
              <code>{root.path}</code> <span className="muted">({SOURCE_TEXT[root.source]})</span>{' '}
              <span className="root-state">{ROOT_STATE_TEXT[root.state]}</span>
              {root.reason && <span className="muted"> — {root.reason}</span>}
            </li>
          ))}
        </ul>
      )}
      <h2>What a workspace is</h2>
      <p>
        A workspace is a folder directly inside one of these roots that holds a <code>.env</code> file with{' '}
        <code>WEB_PORT</code> (the port of the agent’s web UI) and <code>WEB_TOKEN</code> (its access token). The folder
        name is the agent’s name. <code>term-llm contain</code> creates such folders for you.
      </p>
      <h2>How to add one</h2>
      <ul>
        <li>
          Create an agent with <code>term-llm contain</code>; it appears under <code>{firstRoot}</code> and shows up here by
          itself within a moment.
        </li>
        <li>
          Or add another folder that holds workspaces as a root in{' '}
          <button type="button" className="link-button" onClick={() => stores.navigation.getState().settingsShown(Date.now())}>
            Settings
          </button>
          .
        </li>
      </ul>
    </section>
  );
}
