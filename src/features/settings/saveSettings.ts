import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { membershipSettings, organisations, reportCycleSettings } from '../../db/schema/index.js';
import { CYCLE_KEYS, effectiveSettings, inheritedSettings, SETTING_RANGES, type EffectiveSettings, type SettingDefaults, type SettingKey } from './orgSettings.js';

/** A value to set, or null: follow the organisation above (or the default) again. */
export type SettingChanges = Partial<Record<SettingKey, number | null>>;

export type SaveRefusal =
  | { problem: 'no-org' }
  | { problem: 'range'; key: SettingKey; min: number; max: number }
  /** The prompt hours would be empty (start not before end) here or at an organisation below. */
  | { problem: 'window'; orgId: number; start: number; end: number };

export type SaveOutcome = ({ ok: true } & EffectiveSettings) | ({ ok: false } & SaveRefusal);

/** One setting for every organisation until they can be set per organisation: in the environment. */
const NOT_PER_ORG: readonly SettingKey[] = ['promptStartHour', 'promptEndHour', 'weeklyCap'];

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
 * out of range. `actor` is the person who set it (null: the operator at the server); the caller writes the audit
 * log, as each surface words its own action.
 */
export async function saveSettings(db: DbOrTx, orgId: number, changes: SettingChanges, actor: number | null, now: Date, defaults: SettingDefaults): Promise<SaveOutcome> {
  const bad = checkSettingChanges(changes);
  if (bad) return { ok: false, ...bad };
  const global = NOT_PER_ORG.filter((k) => changes[k] !== undefined);
  if (global.length) throw new Error(`not settable per organisation yet: ${global.join(', ')}`);
  return db.transaction(async (tx) => {
    const [org] = await tx.select({ path: organisations.path }).from(organisations).where(eq(organisations.id, orgId));
    if (!org) return { ok: false as const, problem: 'no-org' as const };
    await writeCycle(tx, orgId, org.path, changes, defaults);
    if (changes.evaluationMonth === null) await tx.delete(membershipSettings).where(eq(membershipSettings.orgId, orgId));
    else if (changes.evaluationMonth !== undefined) {
      const set = { evaluationMonth: changes.evaluationMonth, updatedBy: actor, updatedAt: now };
      await tx.insert(membershipSettings).values({ orgId, ...set }).onConflictDoUpdate({ target: membershipSettings.orgId, set });
    }
    return { ok: true as const, ...(await effectiveSettings(tx, orgId, defaults))! };
  });
}

/**
 * The report cycle's row holds its four days together: a day set back to inheriting while others stay the
 * organisation's own keeps the value it inherits today; all four inheriting removes the row.
 */
async function writeCycle(tx: DbOrTx, orgId: number, path: string, changes: SettingChanges, defaults: SettingDefaults): Promise<void> {
  if (!CYCLE_KEYS.some((k) => changes[k] !== undefined)) return;
  const [own] = await tx.select().from(reportCycleSettings).where(eq(reportCycleSettings.orgId, orgId));
  const next = Object.fromEntries(CYCLE_KEYS.map((k) => [k, changes[k] === undefined ? (own ? own[k] : null) : changes[k]])) as Record<(typeof CYCLE_KEYS)[number], number | null>;
  if (CYCLE_KEYS.every((k) => next[k] === null)) {
    await tx.delete(reportCycleSettings).where(eq(reportCycleSettings.orgId, orgId));
    return;
  }
  const above = await inheritedSettings(tx, orgId, path, defaults);
  const row = Object.fromEntries(CYCLE_KEYS.map((k) => [k, next[k] ?? above[k]])) as Record<(typeof CYCLE_KEYS)[number], number>;
  await tx.insert(reportCycleSettings).values({ orgId, ...row }).onConflictDoUpdate({ target: reportCycleSettings.orgId, set: row });
}
