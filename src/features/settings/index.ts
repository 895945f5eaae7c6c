/**
 * An organisation's own settings (report cycle, evaluation month; prompt hours and weekly cap still one setting
 * for all) with inheritance from the nearest organisation above: set by the admin command line and the console.
 */
export { defaultSettings, effectiveSettings, settingsResolver, SETTING_KEYS, SETTING_RANGES } from './orgSettings.js';
export type { EffectiveSettings, OrgSettings, SettingDefaults, SettingKey, SettingOrigin } from './orgSettings.js';
export { checkSettingChanges, saveSettings } from './saveSettings.js';
export type { SaveOutcome, SaveRefusal, SettingChanges } from './saveSettings.js';
