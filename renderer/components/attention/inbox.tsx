import { useStore } from 'zustand';
import { useDesk } from '../../api/desk-context.js';
import { groupByAgent } from '../../logic/attention-view.js';
import { AttentionBadge } from './attention-badge.js';
import { AttentionEntry } from './attention-item.js';
import type { AttentionItem } from '../../../preload/contract.js';

function InboxGroups({ items, headingLevel }: { items: AttentionItem[]; headingLevel: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      {groupByAgent(items).map((group) => (
        <section key={group.agentId} className="inbox-group" aria-labelledby={`inbox-${group.agentId}`}>
          <Heading id={`inbox-${group.agentId}`} className="inbox-agent">
            {group.agentName}
          </Heading>
          <ul className="inbox-list">
            {group.items.map((item) => (
              <AttentionEntry key={item.id} item={item} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** The inbox page: everything every agent waits for or finished, grouped by agent, newest first. */
export function InboxView() {
  const { stores } = useDesk();
  const items = useStore(stores.attention, (s) => s.items);
  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <h1 id="inbox-title">Inbox</h1>
      {items.length === 0 ? (
        <p className="notice" role="status">
          Nothing waits for you. Approvals, questions and finished runs of every agent show up here.
        </p>
      ) : (
        <InboxGroups items={items} headingLevel={2} />
      )}
    </section>
  );
}

/** The same items at the top of the directory, when there are any. */
export function InboxSection() {
  const { stores } = useDesk();
  const items = useStore(stores.attention, (s) => s.items);
  if (items.length === 0) return null;
  return (
    <section className="inbox inbox-section" aria-labelledby="inbox-section-title" data-testid="inbox-section">
      <h2 id="inbox-section-title">Waiting for you</h2>
      <InboxGroups items={items} headingLevel={3} />
    </section>
  );
}

/** The inbox tab's count: what needs the user across all agents. */
export function InboxTabBadge() {
  const { stores } = useDesk();
  const items = useStore(stores.attention, (s) => s.items);
  const needsYou = items.filter((item) => item.kind === 'approval' || item.kind === 'question').length;
  return <AttentionBadge counts={{ needsYou, finished: items.length - needsYou }} />;
}
