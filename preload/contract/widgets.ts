/** The widgets domain: the small web apps an agent serves under `/chat/widgets/<mount>/`. */

export type WidgetState = 'stopped' | 'starting' | 'running' | 'error';

export interface WidgetRecord {
  id: string;
  mount: string;
  title: string;
  description?: string;
  state: WidgetState;
  error?: string;
  /** `<widget label>.localhost:PORT`, once the gateway knows this widget. */
  host?: string;
}

export interface WidgetsInvoke {
  /** A one-time enter URL that opens the widget on its own origin. */
  'widgets:open': { request: { agentId: string; mount: string }; response: { url: string } };
}
