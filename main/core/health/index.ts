export { HealthMonitor } from './health-monitor.js';
export type { HealthMonitorOptions } from './health-monitor.js';
export { fetchSessions, fetchWidgets, probeHealthz, UNAUTHORIZED_ERROR } from './probe.js';
export type { FetchResult, HealthzResult, ProbeOptions, ProbeStatus, SessionsCache, SessionsFetch } from './probe.js';
export { KNOWN_CAPABILITIES, parseHealthz, parseSessions, parseWidgets } from './parse.js';
export { nextDelayMs, snapshotChanged, unknownSnapshot } from './snapshot.js';
export type { HealthSnapshot, ReportedWidget } from './health-types.js';
