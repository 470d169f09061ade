export { configDir } from './config-dir.js';
export { applySettingsPatch, DEFAULT_SETTINGS, parseStoredSettings, SettingsError, validateRoot } from './settings-schema.js';
export { SettingsStore, type LoadedSettings } from './settings-store.js';
export { readSettingsPort } from './settings-port.js';
