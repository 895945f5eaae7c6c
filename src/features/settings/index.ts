/**
 * An organisation's own settings (report cycle, prompt hours, weekly cap, evaluation month) with inheritance from
 * the nearest organisation above: read by the schedules and notices, set by the admin command line and the console.
 */
export { defaultSettings, effectiveSettings, settingsResolver, SETTING_KEYS, SETTING_RANGES } from './orgSettings.js';
export type { EffectiveSettings, OrgSettings, SettingDefaults, SettingKey, SettingOrigin } from './orgSettings.js';
export { checkSettingChanges, saveSettings } from './saveSettings.js';
export type { SaveOutcome, SaveRefusal, SettingChanges } from './saveSettings.js';
export { memberPacing, pacingOf, pacingResolver, type Pacing } from './pacing.js';
