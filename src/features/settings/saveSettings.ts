import { and, eq, isNull, like } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { membershipSettings, organisations, reportCycleSettings } from '../../db/schema/index.js';
import { effectiveSettings, settingsResolver, SETTING_RANGES, type EffectiveSettings, type SettingDefaults, type SettingKey } from './orgSettings.js';

/** A value to set, or null: follow the organisation above (or the default) again. */
export type SettingChanges = Partial<Record<SettingKey, number | null>>;

export type SaveRefusal =
  | { problem: 'no-org' }
  | { problem: 'range'; key: SettingKey; min: number; max: number }
  /** The prompt hours would be empty (start not before end) here or at an organisation below. */
  | { problem: 'window'; orgId: number; start: number; end: number };

export type SaveOutcome = ({ ok: true } & EffectiveSettings) | ({ ok: false } & SaveRefusal);

/** The settings' columns in report_cycle_settings; the evaluation month has its own table (membership_settings). */
const CYCLE_COLUMNS = {
  reminderDay: 'reminderDay', followUpAfterDays: 'followUpAfterDays', liaisonAfterDays: 'liaisonAfterDays', secretaryAfterDays: 'secretaryAfterDays',
  promptStartHour: 'promptStartHour', promptEndHour: 'promptEndHour', weeklyCap: 'weeklyPromptCap',
} as const satisfies Partial<Record<SettingKey, keyof typeof reportCycleSettings.$inferInsert>>;

class Refused extends Error {
  constructor(readonly refusal: SaveRefusal) {
    super(refusal.problem);
  }
}

/** A value out of its range, if any. */
export function checkSettingChanges(changes: SettingChanges): SaveRefusal | undefined {
  for (const [key, value] of Object.entries(changes) as [SettingKey, number | null][]) {
    const [min, max] = SETTING_RANGES[key];
    if (value !== null && (!Number.isInteger(value) || value < min || value > max)) return { problem: 'range', key, min, max };
  }
  return undefined;
}

/**
 * Sets an organisation's own settings (what is not named stays as it was; null goes back to inheriting), for the
 * organisation and the branches below that have not set their own. Refused, with nothing written, when a value is
 * out of range or the prompt hours would end up empty there or below. `actor` is the person who set it (null:
 * the operator at the server); the caller writes the audit log, as each surface words its own action.
 */
export async function saveSettings(db: DbOrTx, orgId: number, changes: SettingChanges, actor: number | null, now: Date, defaults: SettingDefaults): Promise<SaveOutcome> {
  const bad = checkSettingChanges(changes);
  if (bad) return { ok: false, ...bad };
  try {
    return await db.transaction(async (tx) => {
      const [org] = await tx.select({ path: organisations.path }).from(organisations).where(eq(organisations.id, orgId));
      if (!org) throw new Refused({ problem: 'no-org' });
      await writeCycle(tx, orgId, changes, actor, now);
      if (changes.evaluationMonth === null) await tx.delete(membershipSettings).where(eq(membershipSettings.orgId, orgId));
      else if (changes.evaluationMonth !== undefined) {
        const set = { evaluationMonth: changes.evaluationMonth, updatedBy: actor, updatedAt: now };
        await tx.insert(membershipSettings).values({ orgId, ...set }).onConflictDoUpdate({ target: membershipSettings.orgId, set });
      }
      await checkWindowsBelow(tx, org.path, defaults);
      return { ok: true as const, ...(await effectiveSettings(tx, orgId, defaults))! };
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, ...err.refusal };
    throw err;
  }
}

async function writeCycle(tx: DbOrTx, orgId: number, changes: SettingChanges, actor: number | null, now: Date): Promise<void> {
  const set: Partial<typeof reportCycleSettings.$inferInsert> = {};
  for (const [key, column] of Object.entries(CYCLE_COLUMNS) as [keyof typeof CYCLE_COLUMNS, string][]) {
    if (changes[key] !== undefined) (set as Record<string, number | null>)[column] = changes[key];
  }
  if (Object.keys(set).length === 0) return;
  const stamp = { ...set, updatedBy: actor, updatedAt: now };
  await tx.insert(reportCycleSettings).values({ orgId, ...stamp }).onConflictDoUpdate({ target: reportCycleSettings.orgId, set: stamp });
  // A row left with nothing of its own says nothing: gone, so the organisation plainly inherits.
  const c = reportCycleSettings;
  await tx.delete(c).where(and(eq(c.orgId, orgId), isNull(c.reminderDay), isNull(c.followUpAfterDays), isNull(c.liaisonAfterDays), isNull(c.secretaryAfterDays), isNull(c.promptStartHour), isNull(c.promptEndHour), isNull(c.weeklyPromptCap)));
}

/** The prompt hours must leave some hours at the organisation and at every organisation below that sets its own. */
async function checkWindowsBelow(tx: DbOrTx, path: string, defaults: SettingDefaults): Promise<void> {
  const settingsAt = await settingsResolver(tx, defaults);
  const own = await tx.select({ id: organisations.id, path: organisations.path }).from(organisations).where(eq(organisations.path, path));
  const below = await tx.select({ id: organisations.id, path: organisations.path }).from(reportCycleSettings)
    .innerJoin(organisations, eq(organisations.id, reportCycleSettings.orgId))
    .where(like(organisations.path, `${path}%`));
  for (const org of [...own, ...below]) {
    const s = settingsAt(org.path);
    if (s.promptStartHour >= s.promptEndHour) throw new Refused({ problem: 'window', orgId: org.id, start: s.promptStartHour, end: s.promptEndHour });
  }
}
