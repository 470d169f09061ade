import type { ComponentType } from 'react';
import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';
import { useShortcuts } from '../hooks/use-shortcuts.js';
import { useTheme } from '../hooks/use-theme.js';
import { useUnsavedWarning } from '../hooks/use-unsaved-warning.js';
import { PAGE_VIEWS, type PageView } from '../logic/desk-location.js';
import { switcherKeyLabel } from '../logic/shortcuts.js';
import { useAttentionTitle, useFocusReport } from '../hooks/use-attention-signals.js';
import { useWebNotifications } from '../hooks/use-web-notifications.js';
import { AgentViews } from './agent-pane.js';
import { InboxTabBadge, InboxView } from './attention/inbox.js';
import { ConnectionIndicator, SessionEndedNotice } from './connection-indicator.js';
import { DeskToasts } from './desk-toasts.js';
import { Directory } from './directory.js';
import { GoneNotice } from './gone-notice.js';
import { QuickSwitcher } from './quick-switcher.js';
import { SettingsView } from './settings-view.js';
import { StorageProbe } from './storage-probe.js';
import { Sidebar } from './sidebar.js';
import { SkipLink } from './skip-link.js';

/** Each page view's tab label and component; PAGE_VIEWS gives their order. */
const PAGES: Record<PageView, { label: string; Component: ComponentType }> = {
  directory: { label: 'Directory', Component: Directory },
  inbox: { label: 'Inbox', Component: InboxView },
  settings: { label: 'Settings', Component: SettingsView },
};

/** The desk's frame: top bar, sidebar, and the page views or the agent views. */
export function App() {
  const { stores } = useDesk();
  const view = useStore(stores.navigation, (s) => s.view);
  const switcherOpen = useStore(stores.navigation, (s) => s.switcherOpen);
  const settingsWarning = useStore(stores.desk, (s) => s.info?.settingsWarning);
  const unsavedSettings = useUnsavedWarning();
  useShortcuts();
  useTheme();
  useFocusReport();
  useAttentionTitle();
  useWebNotifications();
  const navigation = stores.navigation.getState();
  const switcherKey = switcherKeyLabel();

  return (
    <div className="desk">
      <SkipLink />
      <header className="topbar">
        <span className="brand">Agent Desk</span>
        <nav className="topbar-nav" aria-label="Desk">
          {PAGE_VIEWS.map((page) => (
            <button
              key={page}
              type="button"
              className="tab"
              aria-current={view === page ? 'page' : undefined}
              onClick={() => navigation.viewShown(page, Date.now())}
            >
              {PAGES[page].label}
              {page === 'settings' && unsavedSettings && (
                <span className="unsaved-mark" title="Unsaved changes">
                  •<span className="visually-hidden"> (unsaved changes)</span>
                </span>
              )}
              {page === 'inbox' && <InboxTabBadge />}
            </button>
          ))}
          <button
            type="button"
            className="tab"
            aria-keyshortcuts="Control+K Meta+K"
            title={`Switch agent (${switcherKey})`}
            onClick={() => navigation.switcherOpened()}
          >
            Switch agent… <kbd className="kbd">{switcherKey}</kbd>
          </button>
        </nav>
        <ConnectionIndicator />
      </header>
      <SessionEndedNotice />
      <div className="desk-body">
        <Sidebar />
        <main className="desk-main" id="desk-main" tabIndex={-1}>
          {settingsWarning && view !== 'settings' && (
            <p className="notice notice-warning banner" role="alert" data-testid="settings-warning-banner">
              {settingsWarning}{' '}
              <button type="button" className="link-button" onClick={() => navigation.settingsShown(Date.now())}>
                Open settings
              </button>
            </p>
          )}
          <GoneNotice />
          {PAGE_VIEWS.map((page) => {
            const { Component } = PAGES[page];
            return view === page ? <Component key={page} /> : null;
          })}
          <AgentViews />
        </main>
      </div>
      <DeskToasts />
      {switcherOpen && <QuickSwitcher />}
      <StorageProbe />
    </div>
  );
}
