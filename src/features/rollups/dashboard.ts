import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { DESTINATION_ANY, FOUND_ENTRIES, LOST_ENTRIES, UNREPORTED_BY_LIAISON } from './measures.js';

/**
 * Members of an organisation's subtree not reported for the month (lost contact ones aside), in all and for the
 * `limit` liaisons with the most of them (largest first; `liaisonId` null: no liaison), as of the month's last
 * computation. The caller checks the month was computed (`orgMonth`) and that the person may see the organisation.
 */
export async function unreportedByLiaison(db: DbOrTx, orgId: number, period: string, limit: number): Promise<{ total: number; liaisons: { liaisonId: number | null; name: string | null; count: number }[] }> {
  const rows = await query<{ key: string; count: number; total: number; name: string | null }>(db, sql`
    with top as (
      select key, subtree as count, sum(subtree) over ()::int as total from org_rollups
      where period = ${period} and org_id = ${orgId} and measure = ${UNREPORTED_BY_LIAISON} and subtree > 0
      order by subtree desc, key = '' desc, nullif(key, '')::int limit ${Math.max(1, limit)})
    select t.key, t.count, t.total, p.name from top t left join persons p on p.id = nullif(t.key, '')::int
    order by t.count desc, t.key = '' desc, nullif(t.key, '')::int`);
  return {
    total: rows[0]?.total ?? 0,
    liaisons: rows.map((r) => ({ liaisonId: r.key === '' ? null : Number(r.key), name: r.name, count: Number(r.count) })),
  };
}

/** Members of the subtree or attached to it with a destination on record, whatever their status, by province ('440000'). */
export async function destinationsAnyStatus(db: DbOrTx, orgId: number, period: string): Promise<{ code: string; count: number }[]> {
  const rows = await query<{ code: string; count: number }>(db, sql`
    select key as code, (subtree + attached)::int as count from org_rollups
    where period = ${period} and org_id = ${orgId} and measure = ${DESTINATION_ANY} and subtree + attached > 0
    order by 2 desc, 1`);
  return rows.map((r) => ({ code: r.code, count: Number(r.count) }));
}

/** 失联 and 找回 of the subtree's members by month (status changes dated in it), for the months computed among `periods`. */
export async function lostAndFoundMonths(db: DbOrTx, orgId: number, periods: string[]): Promise<Map<string, { lost: number; found: number }>> {
  const rows = await query<{ period: string; measure: string; n: number }>(db, sql`
    select period, measure, subtree as n from org_rollups
    where period in ${periods} and org_id = ${orgId} and measure in (${LOST_ENTRIES}, ${FOUND_ENTRIES})`);
  const out = new Map<string, { lost: number; found: number }>();
  for (const r of rows) {
    const m = out.get(r.period) ?? { lost: 0, found: 0 };
    if (r.measure === LOST_ENTRIES) m.lost += Number(r.n);
    else m.found += Number(r.n);
    out.set(r.period, m);
  }
  return out;
}
