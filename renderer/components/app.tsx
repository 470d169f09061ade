import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';
import { useShortcuts } from '../hooks/use-shortcuts.js';
import { useTheme } from '../hooks/use-theme.js';
import { AgentViews } from './agent-pane.js';
import { ConnectionIndicator } from './connection-indicator.js';
import { DeskToasts } from './desk-toasts.js';
import { Directory } from './directory.js';
import { QuickSwitcher } from './quick-switcher.js';
import { SettingsView } from './settings-view.js';
import { Sidebar } from './sidebar.js';

/** The desk's frame: top bar, sidebar, and the directory, settings or agent views. */
export function App() {
  const { stores } = useDesk();
  const view = useStore(stores.navigation, (s) => s.view);
  const switcherOpen = useStore(stores.navigation, (s) => s.switcherOpen);
  const settingsWarning = useStore(stores.desk, (s) => s.info?.settingsWarning);
  useShortcuts();
  useTheme();
  const navigation = stores.navigation.getState();

  return (
    <div className="desk">
      <header className="topbar">
        <span className="brand">Agent Desk</span>
        <nav className="topbar-nav" aria-label="Desk">
          <button
            type="button"
            className="tab"
            aria-current={view === 'directory' ? 'page' : undefined}
            onClick={() => navigation.directoryShown(Date.now())}
          >
            Directory
          </button>
          <button
            type="button"
            className="tab"
            aria-current={view === 'settings' ? 'page' : undefined}
            onClick={() => navigation.settingsShown(Date.now())}
          >
            Settings
          </button>
          <button type="button" className="tab" aria-keyshortcuts="Control+K Meta+K" onClick={() => navigation.switcherOpened()}>
            Switch agent…
          </button>
        </nav>
        <ConnectionIndicator />
      </header>
      <div className="desk-body">
        <Sidebar />
        <main className="desk-main">
          {settingsWarning && view !== 'settings' && (
            <p className="notice notice-warning banner" role="alert" data-testid="settings-warning-banner">
              {settingsWarning}{' '}
              <button type="button" className="link-button" onClick={() => navigation.settingsShown(Date.now())}>
                Open settings
              </button>
            </p>
          )}
          {view === 'directory' && <Directory />}
          {view === 'settings' && <SettingsView />}
          <AgentViews />
        </main>
      </div>
      <DeskToasts />
      {switcherOpen && <QuickSwitcher />}
    </div>
  );
}
