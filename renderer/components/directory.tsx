import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';
import { DIRECTORY_SORTS, filterAgents, sortAgents, type DirectorySort } from '../logic/directory-view.js';
import { AgentCard } from './agent-card.js';
import { EmptyState } from './empty-state.js';
import { InboxSection } from './attention/inbox.js';
import { ErrorNotice, Loading } from './request-state.js';

/** Every agent the desk found, live from the event stream, with filter and sort. */
export function Directory() {
  const { stores, actions } = useDesk();
  const agents = useStore(stores.agents, (s) => s.agents);
  const status = useStore(stores.agents, (s) => s.status);
  const error = useStore(stores.agents, (s) => s.error);
  const lastOpenedAt = useStore(stores.navigation, (s) => s.lastOpenedAt);
  // Filter and sort live in the navigation store: the address and a reload keep them.
  const query = useStore(stores.navigation, (s) => s.query);
  const sort = useStore(stores.navigation, (s) => s.sort);
  const navigation = stores.navigation.getState();
  const shown = useMemo(() => sortAgents(filterAgents(agents, query), sort, lastOpenedAt), [agents, query, sort, lastOpenedAt]);

  if (status === 'loading') return <Loading label="Loading agents…" />;
  if (status === 'failed') {
    return <ErrorNotice title="Could not load the agents." message={error ?? ''} onRetry={() => void actions.loadAgents()} />;
  }
  if (agents.length === 0) return <EmptyState />;

  return (
    <section className="directory" aria-labelledby="directory-title">
      <InboxSection />
      <div className="directory-toolbar">
        <h1 id="directory-title">Directory</h1>
        <input
          type="search"
          className="input"
          placeholder="Filter agents"
          aria-label="Filter agents"
          value={query}
          onChange={(event) => navigation.filterChanged(event.target.value)}
        />
        <label className="sort-label">
          Sort by{' '}
          <select className="input" value={sort} onChange={(event) => navigation.sortChanged(event.target.value as DirectorySort)}>
            {DIRECTORY_SORTS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <ErrorNotice title="The last refresh failed." message={error} onRetry={() => void actions.loadAgents()} />}
      {shown.length === 0 ? (
        <p className="muted" role="status">
          No agent matches “{query}”.
        </p>
      ) : (
        <ul className="agent-grid" aria-label="Agent directory">
          {shown.map((agent) => (
            <li key={agent.id}>
              <AgentCard agent={agent} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
