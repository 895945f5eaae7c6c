import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { HELP_AGE_BUCKETS, MEMBER_MEASURES, type HelpAgeBucket, type MemberMeasure } from './measures.js';

/** One set of figures: counts of members by measure, open help requests by category and age, destinations by province. */
export interface RollupFigures {
  counts: Record<MemberMeasure, number>;
  openHelp: { category: string; age: HelpAgeBucket; count: number }[];
  /** Mobile members by destination province (GB/T 2260 code of the province, '' when none is on record). */
  destinations: { provinceCode: string; count: number }[];
}

/** An organisation's month: its own branch's members, its whole subtree's, and members attached to it from outside. */
export interface OrgMonth {
  orgId: number;
  period: string;
  /** When these figures were computed; they are as of then, not live. */
  computedAt: Date;
  own: RollupFigures;
  subtree: RollupFigures;
  /** Members attached to an inflow organisation in the subtree whose home branch is outside it. */
  attached: RollupFigures;
}

export interface RollupRun {
  period: string;
  computedAt: Date;
  tookMs: number;
  members: number;
}

/**
 * The rows of `RollupFigures`, named so the primary key finds them: the dashboard's own measures (`DESTINATION_ANY`,
 * `UNREPORTED_BY_LIAISON`: one row per liaison in a county) are read apart.
 */
const FIGURES = sql`measure in ${[...MEMBER_MEASURES, 'help_open', 'destination']}`;

type Row = { orgId: number; period: string; measure: string; key: string; own: number; subtree: number; attached: number };

function emptyFigures(): RollupFigures {
  return { counts: Object.fromEntries(MEMBER_MEASURES.map((m) => [m, 0])) as Record<MemberMeasure, number>, openHelp: [], destinations: [] };
}

function add(f: RollupFigures, r: Row, n: number): void {
  if (n === 0) return;
  if (r.measure === 'help_open') {
    const [category, age] = r.key.split(':') as [string, HelpAgeBucket];
    f.openHelp.push({ category, age, count: n });
  } else if (r.measure === 'destination') f.destinations.push({ provinceCode: r.key, count: n });
  else if ((MEMBER_MEASURES as readonly string[]).includes(r.measure)) f.counts[r.measure as MemberMeasure] += n;
}

function sortFigures(f: RollupFigures): void {
  f.openHelp.sort((a, b) => a.category.localeCompare(b.category) || HELP_AGE_BUCKETS.indexOf(a.age) - HELP_AGE_BUCKETS.indexOf(b.age));
  f.destinations.sort((a, b) => b.count - a.count || a.provinceCode.localeCompare(b.provinceCode));
}

function assemble(rows: Row[], runs: Map<string, RollupRun>, wanted: { orgId: number; period: string }[]): OrgMonth[] {
  const byKey = new Map<string, OrgMonth>();
  for (const w of wanted) {
    const run = runs.get(w.period);
    if (!run) continue;
    byKey.set(`${w.orgId}:${w.period}`, { orgId: w.orgId, period: w.period, computedAt: run.computedAt, own: emptyFigures(), subtree: emptyFigures(), attached: emptyFigures() });
  }
  for (const r of rows) {
    const month = byKey.get(`${Number(r.orgId)}:${r.period}`);
    if (!month) continue;
    add(month.own, r, Number(r.own));
    add(month.subtree, r, Number(r.subtree));
    add(month.attached, r, Number(r.attached));
  }
  for (const m of byKey.values()) for (const f of [m.own, m.subtree, m.attached]) sortFigures(f);
  return [...byKey.values()];
}

/** When each month's figures were last computed, newest month first. */
export async function rollupRuns(db: DbOrTx, periods?: string[]): Promise<RollupRun[]> {
  const rows = await query<{ period: string; computedAt: Date | string; tookMs: number; members: number }>(db, sql`
    select period, computed_at as "computedAt", took_ms as "tookMs", members from rollup_runs
    ${periods ? sql`where period in ${periods.length ? periods : ['']}` : sql``} order by period desc`);
  return rows.map((r) => ({ ...r, computedAt: new Date(r.computedAt) }));
}

/**
 * The figures of these organisations for one month ('2026-11'). An organisation is left out when the month has
 * not been computed yet (see `rollupRuns`); one computed with nobody in it has all zeros.
 */
export async function orgMonth(db: DbOrTx, orgIds: number[], period: string): Promise<Map<number, OrgMonth>> {
  if (orgIds.length === 0) return new Map();
  const runs = new Map((await rollupRuns(db, [period])).map((r) => [r.period, r]));
  if (!runs.has(period)) return new Map();
  const rows = await query<Row>(db, sql`
    select org_id as "orgId", period, measure, key, own, subtree, attached from org_rollups where period = ${period} and org_id in ${orgIds} and ${FIGURES}`);
  return new Map(assemble(rows, runs, orgIds.map((orgId) => ({ orgId, period }))).map((m) => [m.orgId, m]));
}

/** One organisation month by month, from `from` to `to` inclusive ('2026-01'..'2026-11'): the months computed, oldest first. */
export async function orgMonths(db: DbOrTx, orgId: number, from: string, to: string): Promise<OrgMonth[]> {
  const runs = new Map((await rollupRuns(db)).filter((r) => r.period >= from && r.period <= to).map((r) => [r.period, r]));
  const rows = await query<Row>(db, sql`
    select org_id as "orgId", period, measure, key, own, subtree, attached from org_rollups
    where org_id = ${orgId} and period >= ${from} and period <= ${to} and ${FIGURES}`);
  return assemble(rows, runs, [...runs.keys()].sort().map((period) => ({ orgId, period })));
}

/** The organisations directly under one, with their month: a dashboard's drill-down (county → townships → branches). */
export async function childrenMonth(db: DbOrTx, parentId: number, period: string): Promise<{ orgId: number; name: string; month: OrgMonth | undefined }[]> {
  const children = await query<{ id: number; name: string }>(db, sql`
    select id, name from organisations where parent_id = ${parentId} and archived_at is null order by name, id`);
  const months = await orgMonth(db, children.map((c) => c.id), period);
  return children.map((c) => ({ orgId: c.id, name: c.name, month: months.get(c.id) }));
}

/** Everyone an organisation's staff see in a summary: the subtree's members and those attached to it from outside. */
export function inScope(month: OrgMonth, measure: MemberMeasure): number {
  return month.subtree.counts[measure] + month.attached.counts[measure];
}

/** Open help requests in the subtree and attached to it (all categories and ages). */
export function openHelpInScope(month: OrgMonth): number {
  return [...month.subtree.openHelp, ...month.attached.openHelp].reduce((a, h) => a + h.count, 0);
}
