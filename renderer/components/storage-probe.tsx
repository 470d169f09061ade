import { useContext, useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useDesk } from '../api/desk-context.js';
import { readProbeMessage, verdictOf } from '../logic/framed-storage.js';
import { AGENT_FRAME_SANDBOX, FrameKindContext } from './agent-frame.js';

/** The probe answers in well under a second; past this the desk frames agents as before. */
export const STORAGE_PROBE_TIMEOUT_MS = 10_000;

/**
 * Frames the gateway's storage-probe page once at start, sandboxed like an
 * agent, and records whether framed pages may keep storage here. Accepts the
 * answer only from the probe's origin and its own frame's window. Electron
 * needs no check: its agent views are top-level pages.
 */
export function StorageProbe() {
  const { stores, actions } = useDesk();
  const kind = useContext(FrameKindContext);
  const framed = useStore(stores.framedStorage, (s) => s.framed.state);
  const info = useStore(stores.desk, (s) => s.info);
  const infoFailed = useStore(stores.desk, (s) => s.status === 'failed');
  const frame = useRef<HTMLIFrameElement>(null);
  const checking = framed === 'checking';
  const url = info?.mode === 'browser' ? info.storageProbeUrl : undefined;

  useEffect(() => {
    if (!checking) return;
    const checked = stores.framedStorage.getState().framedStorageChecked;
    if (kind === 'webview' || info?.mode === 'electron') checked({ state: 'not-needed' });
    else if (infoFailed) checked({ state: 'unknown', reason: 'the desk did not say where its storage check is' });
    else if (info !== null && url === undefined) checked({ state: 'unknown', reason: 'this desk has no storage check' });
  }, [checking, kind, info, infoFailed, url, stores]);

  useEffect(() => {
    if (!checking || url === undefined) return;
    const checked = stores.framedStorage.getState().framedStorageChecked;
    const origin = new URL(url).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin || event.source !== frame.current?.contentWindow) return;
      const result = readProbeMessage(event.data);
      if (result === undefined) return;
      const verdict = verdictOf(result);
      const wanted = stores.framedStorage.getState().tabWanted;
      checked(verdict);
      // An agent the user chose while the check ran goes to its tab now (a popup blocker may refuse; its pane
      // then says so). One the desk restored after a reload does not: its pane offers the tab.
      const { view, activeAgentId } = stores.navigation.getState();
      if (verdict.state === 'denied' && wanted !== null && view === 'agent' && activeAgentId === wanted) void actions.openAgentInTab(wanted);
    };
    window.addEventListener('message', onMessage);
    const timer = setTimeout(() => checked({ state: 'unknown', reason: 'the storage check did not answer' }), STORAGE_PROBE_TIMEOUT_MS);
    return () => {
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
    };
  }, [checking, url, stores, actions]);

  if (!checking || url === undefined) return null;
  return (
    <iframe
      ref={frame}
      className="storage-probe"
      title="Storage check"
      src={url}
      sandbox={AGENT_FRAME_SANDBOX}
      referrerPolicy="no-referrer"
      hidden
      aria-hidden="true"
      tabIndex={-1}
      data-testid="storage-probe"
    />
  );
}
