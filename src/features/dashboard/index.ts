import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../../db/schema/index.js';
import { authorize } from '../access/authorize.js';
import { reportingChart, type Translate } from './charts.js';
import { lostAndFound, memberCounts, openHelpByAge, overdueByLiaison, probationaryDue, reportingTrend } from './figures.js';
import { childOrgs, membersByProvince } from './places.js';
import { svgToPng, type Png } from './png.js';
import { renderSvg } from './render.js';
import { rolledFigures, rolledTrend } from './rolled.js';
import type { DashboardPeriod, DashboardScope } from './scope.js';

export type { DashboardPeriod, DashboardScope } from './scope.js';

/** An organisation the person may look at, with its name: the dashboard's scope. */
export interface DashboardOrg extends DashboardScope {
  name: string;
  parentId: number | null;
}

/**
 * The gate of the dashboard and the /stats picture: `stats.view` over the organisation (its secretary, or an
 * admin above), decided and written to the audit log as the chat's /stats is. Undefined: not theirs, or not there.
 */
export async function dashboardOrg(db: DbOrTx, staffId: number, orgId: number, now: Date, details?: Record<string, unknown>): Promise<DashboardOrg | undefined> {
  if (!(await authorize(db, staffId, 'stats.view', { kind: 'org', id: orgId }, now, details))) return undefined;
  const [org] = await db.select({ orgId: organisations.id, name: organisations.name, path: organisations.path, parentId: organisations.parentId })
    .from(organisations).where(and(eq(organisations.id, orgId), isNull(organisations.archivedAt)));
  return org;
}

/** Everything the dashboard shows, each part one read over (db, scope, period). */
export async function dashboardFigures(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod) {
  // Side by side: on PostgreSQL each read takes a connection of the pool; PGlite (one connection) runs them in turn.
  const [counts, reporting, lostFound, overdue, help, probation, provinces, children] = await Promise.all([
    memberCounts(db, scope, period), reportingTrend(db, scope, period), lostAndFound(db, scope, period), overdueByLiaison(db, scope, period),
    openHelpByAge(db, scope, period), probationaryDue(db, scope, period), membersByProvince(db, scope, period), childOrgs(db, scope, period),
  ]);
  return { counts, reporting, lostFound, overdue, help, probation, provinces, children };
}
/** The figures and when they were computed: undefined when counted live just now. */
export type DashboardFigures = Awaited<ReturnType<typeof dashboardFigures>> & { asOf?: Date };

/** The page's figures: from the rollup when this month has been computed, else counted live (see `rolledFigures`). */
export async function dashboardView(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod, rollupTimezone: string): Promise<DashboardFigures> {
  return (await rolledFigures(db, scope, period, rollupTimezone)) ?? dashboardFigures(db, scope, period);
}

/** The size of the picture sent in chat: wide enough to read on a phone held sideways, small enough to send. */
export const STATS_PICTURE = { width: 800, height: 450 } as const;

/**
 * The month's chart as a PNG for chat: the last twelve months' reports and reporting rate of the organisation,
 * titled with its name and the month (names, never codes). Drawn with ECharts to SVG, then resvg to PNG. The months
 * come from the rollup (`rollupTimezone`, its clock) once this one is computed, as the console's page does.
 */
export async function statsPicture(db: DbOrTx, org: DashboardOrg, period: DashboardPeriod, t: Translate, rollupTimezone?: string): Promise<Png> {
  const trend = (rollupTimezone !== undefined ? await rolledTrend(db, org, period, rollupTimezone) : undefined) ?? (await reportingTrend(db, org, period));
  const title = t('dashboard-picture-title', { org: org.name, period: trend.at(-1)!.period });
  const svg = await renderSvg(reportingChart(trend, t, title), STATS_PICTURE);
  return svgToPng(svg, { width: STATS_PICTURE.width });
}
