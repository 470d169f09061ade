export { createGateway, frameAncestorsFor, GatewayListenError, type Gateway, type GatewayOptions } from './gateway.js';
export { createHostRouter, hostLabel, originOf, type HostRoute, type HostRouter } from './host-router.js';
export { GrantIssuer, GRANT_MAX_TTL_MS, type GrantClaims, type GrantCheck } from './grants.js';
export { SessionStore, type Session } from './sessions.js';
export { SESSION_COOKIE } from './cookies.js';
export { WidgetMountError, mountProblem, widgetPrefix, WIDGET_LINK_PATH } from './widgets/index.js';
