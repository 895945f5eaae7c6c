import { sql } from 'drizzle-orm';
import type { PersonFacts } from '../src/bot/flow.js';
import { t } from '../src/bot/i18n/index.js';
import type { Database } from '../src/db/client.js';
import { missingList } from '../src/features/evaluation/views.js';
import { inSubtree, missingParts, yearRecords } from '../src/features/evaluation/yearRecord.js';
import { seedMembersCounty } from './consoleMembersSeed.js';
import { scopes } from './consoleDashboard.js';
import { medianMs, onScratchPostgres } from './harness.js';
import { printTable } from './table.js';

/**
 * A county's year of 民主评议 in the evaluation month, most of it still open: 90% have begun (a row), 70% have
 * self-evaluated, 6 in 7 have the liaison's opinion, a quarter a result; 1 in 13 attached to an inflow branch in
 * another township (half of them with its opinion); 1 in 97 a 先进.
 */
export async function seedEvaluationYear(d: Database, year: number, now: Date): Promise<void> {
  await d.db.execute(sql`
    with b as (select id, row_number() over (order by id) - 1 as i from organisations where kind = 'branch')
    update members m set inflow_org_id = b.id from b where m.person_id % 13 = 0 and b.i = (m.person_id * 7 + 500) % 1000`);
  // Drawn from a hash of the member's id: the seed gives a branch members whose ids share their last three digits.
  await d.db.execute(sql`
    insert into evaluations (member_id, year, self_rating, self_text, self_at, home_opinion, inflow_opinion, result, result_reason)
    select m.person_id, ${year},
      case when m.r < 70 then 'good' end, case when m.r < 70 then '认真履行义务' end, case when m.r < 70 then ${now.toISOString()}::timestamptz end,
      case when m.s % 7 <> 0 then '联系紧密' end,
      case when m.inflow_org_id is not null and m.s % 2 = 0 then '表现积极' end,
      case when m.s % 4 = 0 then 'qualified' end, case when m.s % 4 = 0 then '合格' end
    from (select person_id, inflow_org_id, abs(hashint4(person_id)) % 100 as r, abs(hashint4(person_id + 1)) % 100 as s from members) m
    where m.r < 90`);
  await d.db.execute(sql`
    insert into recognitions (member_id, year, reason, proposed_by_org_id, recorded_at)
    select person_id, ${year}, '帮助工友', home_org_id, ${now.toISOString()}::timestamptz from members where person_id % 97 = 0`);
  await d.db.execute(sql`analyze`);
}

async function once(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

/** The list as it was: every member's year record read, the missing parts found in JS, one line each. */
async function listAsBefore(d: Database, path: string, year: number): Promise<string> {
  const records = await yearRecords(d.db, year, inSubtree(path));
  const open = records.map((r) => ({ r, missing: missingParts(r) })).filter((x) => x.missing.length > 0);
  return open.map(({ r, missing }) => `• ${r.name}：${missing.map((m) => t('zh-CN', 'evaluation-missing', { part: m })).join('、')}`).join('\n');
}

/**
 * The secretary's 民主评议 list (issue 17) for a county (everyone), a township (5%) and a branch (0.1%) of
 * `BENCH_MEMBERS` members (default 200,000) on PostgreSQL: the list as it was (every year record read, one line a
 * member) against the counted one, its time and the message's lines and characters. The county's old list runs once.
 */
export async function evaluationListBench(): Promise<void> {
  const members = Number(process.env.BENCH_MEMBERS ?? 200_000);
  await onScratchPostgres('bench_evaluation_list', async (d) => {
    const now = new Date();
    const year = now.getFullYear();
    await seedMembersCounty(d.db, members, now.toISOString().slice(0, 7));
    await seedEvaluationYear(d, year, now);
    const rows: (string | number)[][] = [];
    for (const s of await scopes(d)) {
      const facts: PersonFacts = {
        personId: s.staffId, language: 'zh-CN', timezone: 'Asia/Shanghai', isMember: false, isStaff: true, locationConsent: 'never',
        lastRegionCode: undefined, monthlyReportedThisPeriod: false, thoughtReportedThisPeriod: false, openHelpRequests: [],
      };
      let before = '';
      const readAll = async () => (before = await listAsBefore(d, s.org.path, year));
      const old = s.who === 'county' ? await once(readAll) : (await medianMs(readAll, undefined, 3))[0];
      let after = '';
      const [now50] = await medianMs(async () => {
        const [r] = await missingList(d.db, facts, year, s.org.orgId, now);
        after = t('zh-CN', r!.key, r!.args);
      }, undefined, 3);
      const lines = (text: string) => text.split('\n').length;
      // The old message: its heading line, then `before`.
      rows.push([s.who, old.toFixed(0), now50.toFixed(0), (old / now50).toFixed(1), lines(before) + 1, before.length, lines(after), after.length]);
    }
    printTable(`民主评议 list of ${members.toLocaleString('en')} members on PostgreSQL (old: every record read; new: counted)`,
      ['scope', 'old ms', 'new ms', 'old/new', 'old lines', 'old chars', 'new lines', 'new chars'], rows);
  });
}
