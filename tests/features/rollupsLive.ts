import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client.js';
import { query } from '../../src/db/query.js';
import type { RollupFigures } from '../../src/features/rollups/index.js';

/**
 * The rollup's figures counted the plain way, member by member, each in the member's own calendar: what
 * `refreshRollups` must produce. Deliberately written apart from the job's SQL (per-member subqueries, grouping
 * in TypeScript), so one does not check itself.
 */
interface MemberFacts {
  homePath: string;
  inflowPath: string | null;
  status: string;
  probationary: boolean;
  due: boolean;
  region: string | null;
  reported: boolean;
  onTime: boolean;
  thought: boolean;
  ownPeriod: string;
  ownDay: number;
  contacted: boolean;
  found: boolean;
}

export interface LiveFigures {
  own: RollupFigures;
  subtree: RollupFigures;
  attached: RollupFigures;
}

export async function liveFigures(db: DbOrTx, orgIds: number[], period: string, now: Date, dueDay: number): Promise<Map<number, LiveFigures>> {
  const at = now.toISOString();
  const quarter = `${period.slice(0, 4)}-Q${Math.floor((Number(period.slice(5)) - 1) / 3) + 1}`;
  const dueBy = new Date(now.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
  const window = sql`te.at >= (${period} || '-01')::timestamp at time zone p.timezone and te.at < ((${period} || '-01')::timestamp + interval '1 month') at time zone p.timezone`;
  const facts = await query<MemberFacts>(db, sql`
    select ho.path as "homePath", io.path as "inflowPath", m.status, m.probationary,
      coalesce(m.probationary and m.probation_ends_on <= ${dueBy}::date, false) as due, m.destination_region_code as region,
      exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'monthly' and r.period = ${period}) as reported,
      exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'monthly' and r.period = ${period} and not r.late) as "onTime",
      exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'thought' and r.period = ${quarter}) as thought,
      to_char(${at}::timestamptz at time zone p.timezone, 'YYYY-MM') as "ownPeriod",
      extract(day from ${at}::timestamptz at time zone p.timezone)::int as "ownDay",
      exists (select 1 from tracking_entries te where te.member_id = m.person_id and te.kind in ('call', 'message', 'visit') and ${window}) as contacted,
      exists (select 1 from tracking_entries te where te.member_id = m.person_id and te.kind = 'status_change' and te.details->>'found' = 'true' and ${window}) as found
    from members m join persons p on p.id = m.person_id join organisations ho on ho.id = m.home_org_id left join organisations io on io.id = m.inflow_org_id`);
  const help = await query<{ category: string; createdAt: Date | string; homePath: string; inflowPath: string | null }>(db, sql`
    select h.category, h.created_at as "createdAt", ho.path as "homePath", io.path as "inflowPath"
    from help_requests h join members m on m.person_id = h.member_id join organisations ho on ho.id = m.home_org_id left join organisations io on io.id = m.inflow_org_id
    where h.status in ('open', 'assigned', 'in_progress', 'resolved', 'reopened')`);
  const orgs = await query<{ id: number; path: string }>(db, sql`select id, path from organisations where id in ${orgIds}`);
  const result = new Map<number, LiveFigures>();
  for (const o of orgs) {
    const within = (path: string | null) => path !== null && path.startsWith(o.path);
    const ownPath = (path: string) => path === o.path;
    const pick = <T extends { homePath: string; inflowPath: string | null }>(rows: T[]) => ({
      own: rows.filter((r) => ownPath(r.homePath)),
      subtree: rows.filter((r) => within(r.homePath)),
      attached: rows.filter((r) => !within(r.homePath) && within(r.inflowPath)),
    });
    const members = pick(facts);
    const requests = pick(help);
    result.set(o.id, {
      own: figures(members.own, requests.own, period, now, dueDay),
      subtree: figures(members.subtree, requests.subtree, period, now, dueDay),
      attached: figures(members.attached, requests.attached, period, now, dueDay),
    });
  }
  return result;
}

function ageBucket(createdAt: Date, now: Date): '0-2d' | '3-7d' | '8-30d' | '31d+' {
  const days = (now.getTime() - createdAt.getTime()) / 86_400_000;
  return days < 3 ? '0-2d' : days < 8 ? '3-7d' : days < 31 ? '8-30d' : '31d+';
}

function figures(ms: MemberFacts[], help: { category: string; createdAt: Date | string }[], period: string, now: Date, dueDay: number): RollupFigures {
  const n = (f: (m: MemberFacts) => boolean) => ms.filter(f).length;
  const openHelp = new Map<string, number>();
  for (const h of help) {
    const key = `${h.category}:${ageBucket(new Date(h.createdAt), now)}`;
    openHelp.set(key, (openHelp.get(key) ?? 0) + 1);
  }
  const destinations = new Map<string, number>();
  for (const m of ms.filter((x) => x.status === 'mobile')) {
    const code = m.region ? `${m.region.slice(0, 2)}0000` : '';
    destinations.set(code, (destinations.get(code) ?? 0) + 1);
  }
  return {
    counts: {
      members: ms.length, mobile: n((m) => m.status === 'mobile'), laid_off: n((m) => m.status === 'laid_off'), lost_contact: n((m) => m.status === 'lost_contact'),
      probationary: n((m) => m.probationary), probation_due: n((m) => m.due), reported: n((m) => m.reported), reported_on_time: n((m) => m.onTime),
      overdue: n((m) => !m.reported && (m.ownPeriod > period || (m.ownPeriod === period && Number(m.ownDay) > dueDay))),
      not_contacted: n((m) => !m.contacted), thought_reported: n((m) => m.thought), found_again: n((m) => m.found),
    },
    openHelp: [...openHelp].map(([k, count]) => ({ category: k.split(':')[0]!, age: k.split(':')[1] as '0-2d', count })),
    destinations: [...destinations].map(([provinceCode, count]) => ({ provinceCode, count })),
  };
}
