import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DeskApi } from '../preload/contract.js';
import { DeskProvider } from './api/desk-context.js';
import { adoptTokenFromAddress, storedToken } from './api/desk-token.js';
import { HttpDeskApi } from './api/http-desk-api.js';
import { FrameKindContext } from './components/agent-frame.js';
import { App } from './components/app.js';
import './styles.css';

/** Electron's preload exposes the contract as `window.deskApi`; browser mode talks HTTP + SSE. */
const exposed = (window as unknown as { deskApi?: DeskApi }).deskApi;
// Browser mode: the login's `#desk-token=…` moves into this origin's storage before anything renders (Electron has no token).
if (!exposed) adoptTokenFromAddress({ location: window.location, history: window.history, storage: window.localStorage });
const api: DeskApi = exposed ?? new HttpDeskApi({ token: () => storedToken(window.localStorage) });

const container = document.getElementById('root');
if (container === null) throw new Error('index.html lacks #root');
createRoot(container).render(
  <StrictMode>
    <FrameKindContext.Provider value={exposed ? 'webview' : 'iframe'}>
      <DeskProvider api={api}>
        <App />
      </DeskProvider>
    </FrameKindContext.Provider>
  </StrictMode>,
);
