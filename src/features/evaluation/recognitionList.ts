import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { organisations } from '../../db/schema/index.js';
import { button, reply, type Reply } from '../../bot/flow.js';
import { t, type Language } from '../../bot/i18n/index.js';
import { authorize, managedOrgs } from '../access/authorize.js';

export interface RecognitionRow {
  id: number;
  memberId: number;
  name: string;
  homeOrg: string;
  reason: string;
  proposedBy: string;
  recordedOn: string;
  revokedOn: string | null;
  revokeReason: string | null;
  announced: boolean;
}

/**
 * The year's 先进 of an organisation's subtree (members at home there, or attached to an inflow organisation in
 * it), revoked ones included and marked: decided and audited as `membership.manage`, like the other year lists.
 */
export async function recognitionRows(db: DbOrTx, staffId: number, orgId: number | undefined, year: number, now: Date, via: 'chat' | 'console' = 'chat'): Promise<{ org: { id: number; name: string }; rows: RecognitionRow[] } | undefined> {
  const id = orgId ?? (await managedOrgs(db, staffId))[0]?.id;
  if (id === undefined || !(await authorize(db, staffId, 'membership.manage', { kind: 'org', id }, now, { list: 'recognitions', year, via }))) return undefined;
  const [org] = await db.select({ id: organisations.id, name: organisations.name, path: organisations.path }).from(organisations).where(eq(organisations.id, id));
  if (!org) return undefined;
  const rows = await query<RecognitionRow>(db, sql`
    select rc.id, rc.member_id as "memberId", p.name, home.name as "homeOrg", rc.reason, ro.name as "proposedBy",
      to_char(rc.recorded_at at time zone p.timezone, 'YYYY-MM-DD') as "recordedOn",
      to_char(rc.revoked_at at time zone p.timezone, 'YYYY-MM-DD') as "revokedOn", rc.revoke_reason as "revokeReason",
      (rc.announced_broadcast_id is not null) as announced
    from recognitions rc
    join members m on m.person_id = rc.member_id
    join persons p on p.id = m.person_id
    join organisations home on home.id = m.home_org_id
    left join organisations inflow on inflow.id = m.inflow_org_id
    join organisations ro on ro.id = rc.proposed_by_org_id
    where rc.year = ${year} and (home.path like ${`${org.path}%`} or inflow.path like ${`${org.path}%`})
    order by rc.revoked_at nulls first, home.path, p.name, rc.id`);
  return { org: { id: org.id, name: org.name }, rows };
}

export function recognitionLine(lang: Language, r: RecognitionRow): string {
  const line = t(lang, 'recognition-line', { name: r.name, reason: r.reason, org: r.proposedBy, date: r.recordedOn });
  return r.revokedOn ? `${line} ${t(lang, 'recognition-revoked-mark', { date: r.revokedOn, reason: r.revokeReason ?? '' })}` : line;
}

/** `/examples [组织] [2026年]` (先进名单): the year's 先进, each in force with a button to revoke it and, once, to announce it. */
export async function recognitionList(db: DbOrTx, staffId: number, lang: Language, orgId: number | undefined, year: number, now: Date): Promise<Reply[]> {
  const found = await recognitionRows(db, staffId, orgId, year, now);
  if (!found) return [reply('staff-org-out-of-scope')];
  if (found.rows.length === 0) return [reply('recognition-list-none', { args: { org: found.org.name, year: String(year) } })];
  const inForce = found.rows.filter((r) => !r.revokedOn);
  const buttons = inForce.slice(0, 10).map((r) => [
    button('recognition-button-revoke', `example:revoke:${r.id}`, { name: r.name }),
    ...(r.announced ? [] : [button('recognition-button-announce-named', `example:announce:${r.id}`, { name: r.name })]),
  ]);
  return [reply('recognition-list', {
    args: { org: found.org.name, year: String(year), count: inForce.length, lines: found.rows.map((r) => `• ${recognitionLine(lang, r)}`).join('\n') },
    ...(buttons.length ? { buttons } : {}),
  })];
}
