import { eq } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { DbOrTx } from '../../db/client.js';
import { membershipSettings, organisations, reportCycleSettings } from '../../db/schema/index.js';

/**
 * What an organisation may set for itself and everything below it, with the range each takes (as the defaults
 * in config.ts): the monthly report cycle, the hours prompts may reach members (their local time; outside them,
 * quiet hours), the weekly cap on prompts, and the month of the democratic evaluation.
 */
export const SETTING_RANGES = {
  reminderDay: [1, 28],
  followUpAfterDays: [1, 20],
  liaisonAfterDays: [0, 20],
  secretaryAfterDays: [0, 20],
  promptStartHour: [0, 23],
  promptEndHour: [1, 24],
  weeklyCap: [1, 14],
  evaluationMonth: [1, 12],
} as const satisfies Record<string, readonly [number, number]>;

export type SettingKey = keyof typeof SETTING_RANGES;
export const SETTING_KEYS = Object.keys(SETTING_RANGES) as SettingKey[];
export type OrgSettings = Record<SettingKey, number>;

/** The configured defaults: what applies where no organisation above has set its own. */
export type SettingDefaults = Pick<
  Config,
  'REMINDER_DAY' | 'FOLLOW_UP_AFTER_DAYS' | 'LIAISON_AFTER_DAYS' | 'SECRETARY_AFTER_DAYS' | 'OFF_PEAK_START_HOUR' | 'OFF_PEAK_END_HOUR' | 'WEEKLY_PROMPT_CAP' | 'EVALUATION_MONTH'
>;

export function defaultSettings(c: SettingDefaults): OrgSettings {
  return {
    reminderDay: c.REMINDER_DAY, followUpAfterDays: c.FOLLOW_UP_AFTER_DAYS, liaisonAfterDays: c.LIAISON_AFTER_DAYS, secretaryAfterDays: c.SECRETARY_AFTER_DAYS,
    promptStartHour: c.OFF_PEAK_START_HOUR, promptEndHour: c.OFF_PEAK_END_HOUR, weeklyCap: c.WEEKLY_PROMPT_CAP, evaluationMonth: c.EVALUATION_MONTH,
  };
}

/** One organisation's own values (only those it set). */
interface OwnSettings {
  orgId: number;
  name: string;
  path: string;
  values: Partial<OrgSettings>;
}

/** Every organisation that set anything, deepest first: organisations are few, so one read serves a whole run. */
async function ownSettings(db: DbOrTx): Promise<OwnSettings[]> {
  const byOrg = new Map<number, OwnSettings>();
  const own = (o: { id: number; name: string; path: string }) => {
    let row = byOrg.get(o.id);
    if (!row) byOrg.set(o.id, (row = { orgId: o.id, name: o.name, path: o.path, values: {} }));
    return row.values;
  };
  const org = { id: organisations.id, name: organisations.name, path: organisations.path };
  for (const r of await db.select({ ...org, s: reportCycleSettings }).from(reportCycleSettings).innerJoin(organisations, eq(organisations.id, reportCycleSettings.orgId))) {
    const values = own(r);
    const s = r.s;
    const set = { reminderDay: s.reminderDay, followUpAfterDays: s.followUpAfterDays, liaisonAfterDays: s.liaisonAfterDays, secretaryAfterDays: s.secretaryAfterDays, promptStartHour: s.promptStartHour, promptEndHour: s.promptEndHour, weeklyCap: s.weeklyPromptCap };
    for (const [k, v] of Object.entries(set)) if (v !== null) values[k as SettingKey] = v;
  }
  for (const r of await db.select({ ...org, month: membershipSettings.evaluationMonth }).from(membershipSettings).innerJoin(organisations, eq(organisations.id, membershipSettings.orgId))) {
    own(r).evaluationMonth = r.month;
  }
  return [...byOrg.values()].sort((a, b) => b.path.length - a.path.length);
}

/** Where a value comes from: the organisation that set it (itself or one above), or null for the default. */
export type SettingOrigin = { orgId: number; name: string } | null;

export interface EffectiveSettings {
  values: OrgSettings;
  from: Record<SettingKey, SettingOrigin>;
}

function resolve(rows: OwnSettings[], defaults: OrgSettings, orgPath: string): EffectiveSettings {
  const values = { ...defaults };
  const from = Object.fromEntries(SETTING_KEYS.map((k) => [k, null])) as Record<SettingKey, SettingOrigin>;
  for (const key of SETTING_KEYS) {
    // Deepest first: the nearest organisation above (or the organisation itself) with its own value wins.
    const hit = rows.find((r) => orgPath.startsWith(r.path) && r.values[key] !== undefined);
    if (hit) {
      values[key] = hit.values[key]!;
      from[key] = { orgId: hit.orgId, name: hit.name };
    }
  }
  return { values, from };
}

/**
 * The settings that apply at each organisation path, read once: for a run over many members. Each setting on
 * its own: a branch that set only its quiet hours still follows its township's report cycle.
 */
export async function settingsResolver(db: DbOrTx, defaults: SettingDefaults): Promise<(orgPath: string) => OrgSettings> {
  const rows = await ownSettings(db);
  const base = defaultSettings(defaults);
  const cache = new Map<string, OrgSettings>();
  return (orgPath) => {
    let hit = cache.get(orgPath);
    if (!hit) cache.set(orgPath, (hit = resolve(rows, base, orgPath).values));
    return hit;
  };
}

/** The settings an organisation uses and where each comes from; undefined for an organisation that does not exist. */
export async function effectiveSettings(db: DbOrTx, orgId: number, defaults: SettingDefaults): Promise<EffectiveSettings | undefined> {
  const [org] = await db.select({ path: organisations.path }).from(organisations).where(eq(organisations.id, orgId));
  if (!org) return undefined;
  return resolve(await ownSettings(db), defaultSettings(defaults), org.path);
}
