import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { organisations, STUDY_CATEGORIES, studyItems, type StudyCategory } from '../db/schema/index.js';
import { audit, usage, type AdminIo } from './adminIo.js';
import { notFound, orgByWord } from './adminLookup.js';

export const STUDY_USAGE = `study add <组织 org> <${STUDY_CATEGORIES.join('|')}> <标题 title> [--publish YYYY-MM-DD] [--link URL] [--body 正文 text] [--occupations 职业,…] | study list [组织 org] | study import <文件 file> [--org 组织 org] [--apply]`;

export interface StudyOptions { publish?: string | undefined; link?: string | undefined; body?: string | undefined; occupations?: string | undefined }

/** `study add|list`: the 远程教育 plan the study schedule sends from (an item goes out on its publish day). */
export async function study(io: AdminIo, database: Database, args: string[], options: StudyOptions): Promise<number> {
  const [verb, orgWord, category, title] = args;
  if (verb === 'list' && args.length <= 2) return list(io, database, orgWord);
  if (verb !== 'add' || !orgWord || !title?.trim() || args.length !== 4) return usage(io, STUDY_USAGE);
  if (!(STUDY_CATEGORIES as readonly string[]).includes(category!)) return usage(io, `未知类别 unknown category: ${category}\n${STUDY_USAGE}`);
  if (options.publish !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.publish)) return usage(io, `日期 date: YYYY-MM-DD\n${STUDY_USAGE}`);
  const org = await orgByWord(database.db, orgWord);
  if (typeof org === 'string') {
    await audit(database, io, 'study.add', { refused: `org ${org}` });
    io.err.write(notFound('组织 organisation', orgWord, org));
    return 1;
  }
  const now = io.clock.now();
  const publishOn = options.publish ?? new Intl.DateTimeFormat('en-CA', { timeZone: io.config.DEFAULT_TIMEZONE }).format(now);
  const occupations = (options.occupations ?? '').split(/[,，、]/).map((o) => o.trim()).filter(Boolean);
  const [item] = await database.db.insert(studyItems).values({
    orgId: org.id, category: category as StudyCategory, title: title.trim(), body: options.body ?? null, link: options.link ?? null,
    targetOccupations: occupations, publishOn, createdBy: null, createdAt: now,
  }).returning({ id: studyItems.id });
  await audit(database, io, 'study.add', { studyItemId: item!.id, orgId: org.id, category, publishOn });
  io.out.write(`已添加 added: #${item!.id} ${title.trim()} → ${org.name} (id ${org.id}), ${publishOn}\n`);
  return 0;
}

async function list(io: AdminIo, database: Database, orgWord: string | undefined): Promise<number> {
  // A closed organisation's plan stays readable (its history); nothing new is added to it.
  const org = orgWord === undefined ? undefined : await orgByWord(database.db, orgWord, { archived: true });
  if (typeof org === 'string') {
    await audit(database, io, 'study.list', { refused: `org ${org}` });
    io.err.write(notFound('组织 organisation', orgWord!, org));
    return 1;
  }
  const rows = await database.db
    .select({ id: studyItems.id, publishOn: studyItems.publishOn, category: studyItems.category, title: studyItems.title, org: organisations.name, orgId: organisations.id, reads: sql<number>`(select count(*)::int from study_reads r where r.item_id = ${studyItems.id})` })
    .from(studyItems).innerJoin(organisations, eq(organisations.id, studyItems.orgId))
    .where(org ? eq(studyItems.orgId, org.id) : undefined)
    .orderBy(asc(studyItems.publishOn), asc(studyItems.id));
  for (const r of rows) io.out.write(`#${r.id}\t${r.publishOn}\t${r.category}\t${r.title}\t${r.org} (id ${r.orgId})\t已学习 read: ${r.reads}\n`);
  if (!rows.length) io.out.write('无 none\n');
  await audit(database, io, 'study.list', org ? { orgId: org.id } : {});
  return 0;
}
