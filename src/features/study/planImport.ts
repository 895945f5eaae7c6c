import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organisations, STUDY_CATEGORIES, studyItems, type StudyCategory } from '../../db/schema/index.js';
import type { ColumnNames, HeadedRow } from '../../roster/headedTable.js';
import { parseRosterDate } from '../../roster/dates.js';

/** The columns of a study plan (远程教育学习计划), as offices name them: what `admin study add` takes, one row an item. */
export const STUDY_COLUMNS: ColumnNames<'org' | 'category' | 'title' | 'body' | 'link' | 'date' | 'occupations'> = {
  org: ['组织', '组织名称', '党组织', '所在组织', 'org', 'organisation', 'organization'],
  category: ['类别', '分类', '栏目', 'category'],
  title: ['标题', '题目', '学习内容', 'title'],
  body: ['正文', '内容', '简介', 'body', 'text'],
  link: ['链接', '网址', '地址', 'link', 'url'],
  date: ['日期', '发布日期', '推送日期', '学习日期', 'date', 'publish'],
  occupations: ['职业', '面向职业', '对象', 'occupations', 'occupation'],
};
export const STUDY_REQUIRED = ['title', 'category'] as const;
export type StudyRow = HeadedRow<keyof typeof STUDY_COLUMNS>;

const CATEGORY_WORDS: Record<StudyCategory, readonly string[]> = {
  policy_law: ['政策法规', '政策', '法规'],
  practical_skills: ['实用技术', '技术', '技能'],
  model_experience: ['典型经验', '经验'],
  market_info: ['市场信息', '市场'],
  science_culture_health: ['科普文卫', '科普', '文化', '卫生'],
};

function categoryOf(word: string): StudyCategory | undefined {
  const w = word.replace(/\s+/g, '');
  return STUDY_CATEGORIES.find((c) => c === w.toLowerCase() || CATEGORY_WORDS[c].includes(w));
}

export type StudyProblem =
  | { problem: 'no-title' }
  | { problem: 'no-org' }
  | { problem: 'unknown-org'; org: string }
  | { problem: 'ambiguous-org'; org: string }
  | { problem: 'bad-category'; category: string }
  | { problem: 'bad-date'; date: string }
  | { problem: 'bad-link'; link: string }
  | { problem: 'duplicate-row'; first: number };

export interface StudyItemPlan {
  orgId: number;
  orgName: string;
  category: StudyCategory;
  title: string;
  body: string | null;
  link: string | null;
  publishOn: string;
  occupations: string[];
}

export type StudyRowPlan =
  | ({ row: number; outcome: 'create' } & StudyItemPlan)
  /** The organisation has this title on this day already: a file imported twice adds nothing. */
  | { row: number; outcome: 'exists'; id: number; orgName: string; title: string; publishOn: string }
  | ({ row: number; outcome: 'problem' } & StudyProblem);

export interface StudyPlan {
  rows: StudyRowPlan[];
  create: number;
  exists: number;
  problems: number;
}

type Org = { id: number; name: string };

/**
 * What importing a study plan would add, writing nothing: each row an item for its organisation (the row's, else
 * `defaultOrg`) on its date (else `today`), or refused with the reason. Organisations are live ones, by name or
 * number, inside `within` (the paths a person runs) when given.
 */
export async function planStudyImport(db: DbOrTx, rows: readonly StudyRow[], opts: { today: string; defaultOrg?: Org; within?: readonly string[] }): Promise<StudyPlan> {
  const orgs = await orgsNamed(db, [...new Set(rows.map((r) => r.values.org).filter(Boolean))], opts.within);
  const seen = new Map<string, number>();
  const planned: StudyRowPlan[] = [];
  for (const r of rows) {
    const item = itemOf(r, orgs, opts);
    if ('problem' in item) {
      planned.push({ row: r.row, outcome: 'problem', ...item });
      continue;
    }
    const key = `${item.orgId}\u0000${item.title}\u0000${item.publishOn}`;
    const first = seen.get(key);
    if (first !== undefined) planned.push({ row: r.row, outcome: 'problem', problem: 'duplicate-row', first });
    else {
      seen.set(key, r.row);
      planned.push({ row: r.row, outcome: 'create', ...item });
    }
  }
  await markExisting(db, planned);
  return {
    rows: planned,
    create: planned.filter((p) => p.outcome === 'create').length,
    exists: planned.filter((p) => p.outcome === 'exists').length,
    problems: planned.filter((p) => p.outcome === 'problem').length,
  };
}

function itemOf(r: StudyRow, orgs: Map<string, Org[]>, opts: { today: string; defaultOrg?: Org }): StudyItemPlan | StudyProblem {
  const v = r.values;
  if (!v.title) return { problem: 'no-title' };
  const found = v.org ? orgs.get(v.org) ?? [] : opts.defaultOrg ? [opts.defaultOrg] : undefined;
  if (!found) return { problem: 'no-org' };
  if (found.length !== 1) return { problem: found.length ? 'ambiguous-org' : 'unknown-org', org: v.org };
  const category = categoryOf(v.category);
  if (!category) return { problem: 'bad-category', category: v.category };
  const date = v.date ? parseRosterDate(v.date) : { ok: opts.today };
  if (!('ok' in date) || date.ok.length !== 10) return { problem: 'bad-date', date: v.date };
  if (v.link && !/^https?:\/\/\S+$/i.test(v.link)) return { problem: 'bad-link', link: v.link };
  return {
    orgId: found[0]!.id, orgName: found[0]!.name, category, title: v.title, body: v.body || null, link: v.link || null, publishOn: date.ok,
    occupations: v.occupations.split(/[,，、;；]/).map((o) => o.trim()).filter(Boolean),
  };
}

/** Live organisations by exact name or by number, in scope when one is given. */
async function orgsNamed(db: DbOrTx, words: string[], within: readonly string[] | undefined): Promise<Map<string, Org[]>> {
  const out = new Map<string, Org[]>();
  if (words.length === 0) return out;
  const ids = words.filter((w) => /^\d+$/.test(w)).map(Number);
  const live = isNull(organisations.archivedAt);
  const rows = [
    ...await db.select().from(organisations).where(and(live, inArray(organisations.name, words))),
    ...(ids.length ? await db.select().from(organisations).where(and(live, inArray(organisations.id, ids))) : []),
  ].filter((o) => !within || within.some((p) => o.path.startsWith(p)));
  for (const w of words) out.set(w, rows.filter((o) => (/^\d+$/.test(w) ? o.id === Number(w) : o.name === w)).map((o) => ({ id: o.id, name: o.name })));
  return out;
}

async function markExisting(db: DbOrTx, planned: StudyRowPlan[]): Promise<void> {
  const creating = planned.filter((p): p is Extract<StudyRowPlan, { outcome: 'create' }> => p.outcome === 'create');
  if (creating.length === 0) return;
  const have = await db.select({ id: studyItems.id, orgId: studyItems.orgId, title: studyItems.title, publishOn: studyItems.publishOn }).from(studyItems)
    .where(inArray(studyItems.orgId, [...new Set(creating.map((p) => p.orgId))]));
  for (const p of creating) {
    const hit = have.find((h) => h.orgId === p.orgId && h.title === p.title && h.publishOn === p.publishOn);
    if (hit) planned[planned.indexOf(p)] = { row: p.row, outcome: 'exists', id: hit.id, orgName: p.orgName, title: p.title, publishOn: p.publishOn };
  }
}

/** Adds the planned items in one transaction; nothing when the plan has problems (the file is corrected and read again). */
export async function applyStudyImport(db: DbOrTx, plan: StudyPlan, actor: number | null, now: Date): Promise<{ created: { row: number; id: number }[] } | { refused: 'problems' }> {
  if (plan.problems > 0) return { refused: 'problems' };
  return db.transaction(async (tx) => {
    const created: { row: number; id: number }[] = [];
    for (const p of plan.rows) {
      if (p.outcome !== 'create') continue;
      const [again] = await tx.select({ id: studyItems.id }).from(studyItems)
        .where(and(eq(studyItems.orgId, p.orgId), eq(studyItems.title, p.title), eq(studyItems.publishOn, p.publishOn)));
      if (again) continue;
      const [item] = await tx.insert(studyItems).values({
        orgId: p.orgId, category: p.category, title: p.title, body: p.body, link: p.link, targetOccupations: p.occupations, publishOn: p.publishOn, createdBy: actor, createdAt: now,
      }).returning({ id: studyItems.id });
      created.push({ row: p.row, id: item!.id });
    }
    return { created };
  });
}
