export { createGateway, frameAncestorsFor, GatewayListenError, type Gateway, type GatewayOptions } from './gateway.js';
export { routeHost, hostLabel, originOf, type HostRoute } from './host-router.js';
export { GrantIssuer, GRANT_MAX_TTL_MS, type GrantClaims, type GrantCheck } from './grants.js';
export { SessionStore, type Session } from './sessions.js';
export { SESSION_COOKIE } from './cookies.js';
export { WidgetMountError, mountProblem, widgetPrefix, WIDGET_LINK_PATH } from './widgets/index.js';
