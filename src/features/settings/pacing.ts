import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import type { OffPeak } from '../../bot/pacing.js';
import { settingsResolver, type OrgSettings, type SettingDefaults } from './orgSettings.js';

/** The rules a prompt to a member keeps: the hours it may arrive (their local time) and the weekly cap. */
export interface Pacing {
  window: OffPeak;
  cap: number;
}

export function pacingOf(s: OrgSettings): Pacing {
  return { window: { startHour: s.promptStartHour, endHour: s.promptEndHour }, cap: s.weeklyCap };
}

/** The pacing at each organisation path (its own settings, else the nearest above, else the defaults), read once. */
export async function pacingResolver(db: DbOrTx, defaults: SettingDefaults): Promise<(orgPath: string) => Pacing> {
  const settingsAt = await settingsResolver(db, defaults);
  return (orgPath) => pacingOf(settingsAt(orgPath));
}

/**
 * The pacing of each member: that of their home organisation (组织关系所在), where their branch sets the quiet
 * hours and the cap. Someone who is not a member (no home organisation) gets the defaults.
 */
export async function memberPacing(db: DbOrTx, memberIds: readonly number[], defaults: SettingDefaults): Promise<(memberId: number) => Pacing> {
  const pacingAt = await pacingResolver(db, defaults);
  const paths = new Map<number, string>();
  const ids = [...new Set(memberIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const rows = await query<{ memberId: number; path: string }>(db, sql`
      select m.person_id as "memberId", o.path from members m join organisations o on o.id = m.home_org_id
      where m.person_id in (${sql.join(chunk.map((id) => sql`${id}`), sql`, `)})`);
    for (const r of rows) paths.set(Number(r.memberId), r.path);
  }
  const fallback = pacingAt('');
  return (memberId) => {
    const path = paths.get(memberId);
    return path === undefined ? fallback : pacingAt(path);
  };
}
