export * from './host.js';
export * from './labels.js';
export * from './mounts.js';
