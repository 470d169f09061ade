export { configDir } from './config-dir.js';
export { applySettingsPatch, DEFAULT_SETTINGS, parseStoredSettings, SettingsError, validateRoot } from './settings-schema.js';
export { SettingsFile, type LoadedSettings } from './settings-file.js';
export { readSettingsPort } from './settings-port.js';
