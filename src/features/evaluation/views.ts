import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../../db/schema/index.js';
import { reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import { t, type Language } from '../../bot/i18n/index.js';
import { tableFile } from '../../roster/tableFile.js';
import { MAX_MEMBERS_PER_FILE, tooManyForOneFile } from '../exports/limits.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { firstOpenMembers, yearCountsByOrg, type OrgYearCounts } from './openList.js';
import { inSubtree, oneMember, yearRecords, type YearRecord } from './yearRecord.js';

/** The one-page summary of a member's year, beside what the evaluation has so far. */
export async function yearSummary(db: DbOrTx, facts: PersonFacts, memberId: number, year: number, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, facts.personId, 'member.view', { kind: 'member', id: memberId }, now, { yearSummary: year }))) return [reply('staff-member-not-found')];
  const [r] = await yearRecords(db, year, oneMember(memberId));
  if (!r) return [reply('staff-member-not-found')];
  const dash = t(facts.language, 'evaluation-none');
  return [reply('evaluation-summary', {
    args: {
      name: r.name, year: String(year), homeOrg: r.homeOrg, inflowOrg: r.inflowOrg ?? dash,
      monthly: r.monthlyReports, onTime: r.onTime, thought: r.thoughtReports, contacts: r.contacts, visits: r.visits,
      helpAsked: r.helpAsked, helpResolved: r.helpResolved, studied: r.studied, activities: r.activities,
      self: r.selfDone ? selfLine(facts.language, r) : dash,
      home: r.homeOpinion ?? dash, inflow: r.inflowOrg === null ? '-' : r.inflowOpinion ?? dash,
      result: r.result ? `${t(facts.language, 'evaluation-result-name', { result: r.result })}（${r.resultReason ?? ''}）` : dash,
      recognition: r.recognition ?? dash,
    },
  })];
}

function selfLine(lang: Language, r: YearRecord): string {
  const rating = r.selfRating ? t(lang, `selfeval-rating-${r.selfRating}`) : '';
  return [rating, r.selfText].filter(Boolean).join('：');
}

/** The organisation a list or export is about: the one named, else the highest one the person runs. */
async function orgInScope(db: DbOrTx, staffId: number, orgId: number | undefined, now: Date, details: Record<string, unknown>) {
  const id = orgId ?? (await managedOrgs(db, staffId))[0]?.id;
  if (id === undefined) return undefined;
  if (!(await authorize(db, staffId, 'membership.manage', { kind: 'org', id }, now, details))) return undefined;
  const [org] = await db.select({ id: organisations.id, name: organisations.name, path: organisations.path }).from(organisations).where(eq(organisations.id, id));
  return org;
}

/** Members the list names at most; the rest are in the export and on the console's page. */
export const NAMED_AT_MOST = 20;
/** Organisations the list breaks a long list down by, those with the most members missing a part first. */
export const ORGS_AT_MOST = 10;

/**
 * The secretary's list: who has not self-evaluated, which opinions are missing, whose result is not recorded.
 * Counted in the database and kept to one short message: a township's or county's thousands of names were one line
 * each (the outbox's parts, thousands of messages). Past NAMED_AT_MOST names it says where the rest are, and over
 * several organisations which of them have the most left to do.
 */
export async function missingList(db: DbOrTx, facts: PersonFacts, year: number, orgId: number | undefined, now: Date, maxPerFile = MAX_MEMBERS_PER_FILE): Promise<Reply[]> {
  const org = await orgInScope(db, facts.personId, orgId, now, { evaluationList: year });
  if (!org) return [reply('staff-org-out-of-scope')];
  const byOrg = await yearCountsByOrg(db, org.path, year);
  const sum = (f: keyof Omit<OrgYearCounts, 'orgId' | 'org' | 'path'>) => byOrg.reduce((n, c) => n + c[f], 0);
  const total = sum('total');
  const open = sum('open');
  if (open === 0) return [reply('evaluation-list-complete', { args: { org: org.name, year: String(year), count: total } })];
  const lang = facts.language;
  const several = byOrg.some((c) => c.orgId !== org.id);
  const named = await firstOpenMembers(db, org.path, year, NAMED_AT_MOST);
  const cut = open > named.length;
  const lines = named.map((m) => t(lang, cut && several ? 'evaluation-list-member-at' : 'evaluation-list-member', {
    name: m.name, org: m.homeOrg, missing: m.missing.map((part) => t(lang, 'evaluation-missing', { part })).join('、'),
  }));
  if (cut) {
    lines.unshift(t(lang, 'evaluation-list-first', { count: named.length }));
    if (several) lines.unshift(...mostOpen(lang, byOrg));
    lines.push(t(lang, 'evaluation-list-more', { count: open - named.length, org: org.name, year: String(year), split: total > maxPerFile ? 'yes' : 'no' }));
  }
  return [reply('evaluation-list', {
    args: { org: org.name, year: String(year), total, examples: sum('examples'), self: sum('self'), home: sum('home'), inflow: sum('inflow'), result: sum('result'), lines: lines.join('\n') },
  })];
}

/** The organisations with the most members missing a part, a heading first. */
function mostOpen(lang: Language, byOrg: OrgYearCounts[]): string[] {
  const top = byOrg.filter((c) => c.open > 0).sort((a, b) => b.open - a.open || (a.path < b.path ? -1 : 1)).slice(0, ORGS_AT_MOST);
  return [t(lang, 'evaluation-list-by-org', { count: top.length }), ...top.map((c) => t(lang, 'evaluation-list-org', { org: c.org, count: c.open, total: c.total }))];
}

const EXPORT_HEADER = ['姓名', '所在党支部', '流入地党组织', '本年报到（月）', '按时报到（月）', '思想汇报', '联系', '走访', '求助', '已解决', '学习', '流入地活动', '自评', '联络员/支部意见', '流入地党组织意见', '评议等次', '理由', '先进'];

/** 民主评议情况表: one row per member, in the layout of the other exports (title row, then the table). */
export async function exportEvaluations(db: DbOrTx, staffId: number, orgId: number | undefined, year: number, now: Date, via: 'chat' | 'console' = 'chat', maxMembers = MAX_MEMBERS_PER_FILE): Promise<{ org: string; data: Buffer } | { org: string; tooMany: true } | undefined> {
  const org = await orgInScope(db, staffId, orgId, now, { export: 'evaluations', year, via });
  if (!org) return undefined;
  if (await tooManyForOneFile(db, org.path, maxMembers, true)) return { org: org.name, tooMany: true };
  const rows = (await yearRecords(db, year, inSubtree(org.path))).map((r) => [
    r.name, r.homeOrg, r.inflowOrg ?? '', r.monthlyReports, r.onTime, r.thoughtReports, r.contacts, r.visits, r.helpAsked, r.helpResolved, r.studied, r.activities,
    r.selfDone ? selfLine('zh-CN', r) : '', r.homeOpinion ?? '', r.inflowOpinion ?? '', r.result ? t('zh-CN', 'evaluation-result-name', { result: r.result }) : '', r.resultReason ?? '', r.recognition ?? '',
  ]);
  const data = await tableFile({ sheet: '民主评议', header: EXPORT_HEADER, rows, caption: t('zh-CN', 'evaluation-export-title', { org: org.name, year: String(year) }) });
  return { org: org.name, data };
}
