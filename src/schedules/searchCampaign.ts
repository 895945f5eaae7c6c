import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';
import { reply } from '../bot/flow.js';
import { localDate, localDay, monthPeriod } from '../bot/period.js';
import type { ScheduleConfig } from './settings.js';
import { sendSecretaryDigests } from './secretaryDigest.js';

export interface LostMember {
  memberId: number;
  name: string;
  orgPath: string;
  lostContactSince: Date | null;
  lastReportAt: Date | null;
  lastContactAt: Date | null;
  /** Only where the member consented to keeping their place (PIPL): a region code, never coordinates. */
  lastRegionCode: string | null;
  liaisonName: string | null;
}

/**
 * The list the twice-yearly search campaign (“一找一”) works from: every lost-contact member of an organisation's
 * subtree, with when they were last heard of and, with consent only, where they were last known to be.
 */
export async function searchCampaignList(db: DbOrTx, orgId?: number): Promise<LostMember[]> {
  const rows = await query<LostMember & { lostContactSince: string | Date | null; lastReportAt: string | Date | null; lastContactAt: string | Date | null }>(db, sql`
      select m.person_id as "memberId", p.name, o.path as "orgPath", m.lost_contact_since as "lostContactSince",
        (select max(r.submitted_at) from reports r where r.member_id = m.person_id) as "lastReportAt",
        (select max(te.at) from tracking_entries te where te.member_id = m.person_id and te.kind in ('call', 'message', 'visit')) as "lastContactAt",
        (select lr.region_code from location_records lr join location_consents lc on lc.member_id = lr.member_id
          where lr.member_id = m.person_id and lc.granted_at is not null and lc.withdrawn_at is null
          order by lr.recorded_at desc limit 1) as "lastRegionCode",
        lp.name as "liaisonName"
      from members m
      join persons p on p.id = m.person_id
      join organisations o on o.id = m.home_org_id
      left join liaison_assignments la on la.member_id = m.person_id
      left join persons lp on lp.id = la.liaison_id
      where m.status = 'lost_contact'
        ${orgId === undefined ? sql`` : sql`and o.path like (select path from organisations where id = ${orgId}) || '%'`}
      order by m.lost_contact_since nulls first, m.person_id`);
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  return rows.map((r) => ({ ...r, lostContactSince: date(r.lostContactSince), lastReportAt: date(r.lastReportAt), lastContactAt: date(r.lastContactAt) }));
}

/** The campaign months, e.g. '3,9': on the 1st of each, every secretary gets their branch's list. */
export function campaignMonths(config: Pick<ScheduleConfig, 'SEARCH_CAMPAIGN_MONTHS'>): number[] {
  return config.SEARCH_CAMPAIGN_MONTHS.split(',').map((m) => Number(m.trim()));
}

/** Twice a year the secretary gets the search list (one message, by member), so the campaign starts from it. */
export async function runSearchCampaign(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<number> {
  const today = localDate(now, config.DEFAULT_TIMEZONE);
  if (!campaignMonths(config).includes(today.month)) return 0;
  const lost = await searchCampaignList(db);
  if (lost.length === 0) return 0;
  const period = monthPeriod(now, config.DEFAULT_TIMEZONE);
  return sendSecretaryDigests(db, lost, now, (list, secretaryId) => {
    const lines = list.map((m) => {
      const last = [m.lastReportAt, m.lastContactAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
      return `• ${m.name}（${last ? localDay(last, config.DEFAULT_TIMEZONE) : '—'}${m.liaisonName ? `，${m.liaisonName}` : ''}）`;
    });
    return { message: reply('digest-search-campaign', { args: { count: list.length, lines: lines.join('\n') } }), key: `digest:search:${period}:${secretaryId}` };
  });
}
