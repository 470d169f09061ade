import { cleanup, configure, render, type RenderResult } from '@testing-library/react';
import { DeskProvider } from '../../renderer/api/desk-context.js';
import type { DeskActionsOptions } from '../../renderer/api/desk-actions.js';
import { App } from '../../renderer/components/app.js';
import { MemoryDeskApi, type MemoryDeskOptions } from '../fixtures/memory-desk-api.js';

// CI runs these beside the Chromium suites on two cores: testing-library's
// 1 s default for waitFor/findBy is tight there. A failing wait only takes longer.
configure({ asyncUtilTimeout: 5_000 });

export interface RenderedDesk extends RenderResult {
  api: MemoryDeskApi;
  opened: string[];
}

/** Mounts the whole desk UI against an in-memory desk; widget windows are recorded, not opened. */
export function renderDesk(
  options: MemoryDeskOptions | MemoryDeskApi = {},
  actions: DeskActionsOptions = {},
  { reload = false }: { /** Keep the address and storage, as a page reload does. */ reload?: boolean } = {},
): RenderedDesk {
  const api = options instanceof MemoryDeskApi ? options : new MemoryDeskApi(options);
  // Each desk starts from a blank address and storage, as a fresh origin would.
  if (!reload) {
    window.history.replaceState(null, '', '/');
    window.localStorage.clear();
  }
  const opened: string[] = [];
  const result = render(
    <DeskProvider api={api} options={{ openWindow: (url) => opened.push(url), ...actions }}>
      <App />
    </DeskProvider>,
  );
  return { ...result, api, opened };
}

export { cleanup };
