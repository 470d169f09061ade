export { WidgetHostTable, WidgetMountError, type WidgetHostEntry } from './widget-hosts.js';
export { mountProblem, MOUNT_PATTERN, widgetPathDecision, widgetPrefix, widgetVerdict, REDIRECT_BLOCKED_PATH } from './widget-policy.js';
export { rewriteWidgetResponseHeaders, widgetLocation, WIDGET_BASELINE_HEADERS, WIDGET_PERMISSIONS_POLICY } from './widget-headers.js';
export { agentWidgetNavigation, type AgentWidgetRoute } from './widget-navigation.js';
export { WidgetLinkSigner, WIDGET_LINK_PATH, widgetTarget } from './widget-links.js';
export { handleWidgetRequest, handleWidgetUpgrade } from './widget-host-handler.js';
export { handleAgentWidgetRequest, isWidgetLink } from './agent-widget-handler.js';
