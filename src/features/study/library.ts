import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { auditLog, organisations, STUDY_CATEGORIES, studyItems, type StudyCategory } from '../../db/schema/index.js';
import { parseDate } from '../../bot/dates.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { checkStudyFile, saveStudyFile } from './files.js';

const MAX_TITLE = 100;
const MAX_BODY = 2000;
const MAX_OCCUPATIONS = 20;

/** What a person fills in for a study item (form fields as typed). */
export interface StudyItemInput {
  orgId: number;
  category: string;
  title: string;
  body: string;
  link: string;
  /** YYYY-MM-DD, or YYYY-MM for the first day of that month. */
  publishOn: string;
  /** 职业, separated by commas or 、; empty: every member. */
  occupations: string;
}

export type StudyItemProblem =
  | { problem: 'no-title' | 'title-too-long' | 'bad-category' | 'bad-date' | 'bad-link' | 'body-too-long' | 'too-many-occupations' }
  | { problem: 'file-empty' | 'file-too-big' | 'file-type'; megabytes?: number };

export interface StudyItemValues {
  orgId: number;
  category: StudyCategory;
  title: string;
  body: string | null;
  link: string | null;
  publishOn: string;
  targetOccupations: string[];
}

/** The item as it will be stored, or the first thing wrong with it (nothing is stored then). */
export function checkStudyItem(input: StudyItemInput): StudyItemValues | StudyItemProblem {
  const title = input.title.trim();
  if (!title) return { problem: 'no-title' };
  if (title.length > MAX_TITLE) return { problem: 'title-too-long' };
  const category = STUDY_CATEGORIES.find((c) => c === input.category);
  if (!category) return { problem: 'bad-category' };
  const day = /^\d{4}-\d{2}$/.test(input.publishOn.trim()) ? `${input.publishOn.trim()}-01` : input.publishOn.trim();
  if (parseDate(day) === undefined) return { problem: 'bad-date' };
  const link = input.link.trim();
  if (link && !/^https?:\/\/[^\s<>"]+$/i.test(link)) return { problem: 'bad-link' };
  const body = input.body.trim();
  if (body.length > MAX_BODY) return { problem: 'body-too-long' };
  const occupations = [...new Set(input.occupations.split(/[,，、;；\n]/).map((o) => o.trim()).filter(Boolean))];
  if (occupations.length > MAX_OCCUPATIONS) return { problem: 'too-many-occupations' };
  return { orgId: input.orgId, category, title, body: body || null, link: link || null, publishOn: day, targetOccupations: occupations };
}

export type Upload = { name: string; data: Buffer } | undefined;
export type SaveOutcome = { ok: true; id: number } | { refused: 'out-of-scope' } | StudyItemProblem;

function checkUpload(upload: Upload): { fileName: string; mime: string; data: Buffer } | StudyItemProblem | undefined {
  if (!upload) return undefined;
  const checked = checkStudyFile(upload.name, upload.data);
  return 'ok' in checked ? { fileName: checked.fileName, mime: checked.mime, data: checked.data } : checked;
}

/**
 * Adds a study item to an organisation's plan (远程教育): decided and audited as `study.manage` on the organisation,
 * like every staff tool. An item dated this month or earlier goes out with the study schedule's next run, in each
 * member's prompt hours and within the weekly cap.
 */
export async function addStudyItem(db: DbOrTx, staffId: number, input: StudyItemInput, upload: Upload, now: Date): Promise<SaveOutcome> {
  const values = checkStudyItem(input);
  const file = checkUpload(upload);
  const problem = 'problem' in values ? values : file && 'problem' in file ? file : undefined;
  const details = { via: 'console', verb: 'add', ...(problem ? { refused: problem.problem } : {}) };
  if (!(await authorize(db, staffId, 'study.manage', { kind: 'org', id: input.orgId }, now, details)) || !(await isOpen(db, input.orgId))) return { refused: 'out-of-scope' };
  if ('problem' in values) return values;
  if (file && 'problem' in file) return file;
  const [item] = await db.insert(studyItems).values({ ...values, createdBy: staffId, createdAt: now }).returning({ id: studyItems.id });
  if (file) await saveStudyFile(db, item!.id, file, staffId, now);
  await audit(db, staffId, 'study.add', item!.id, now, { orgId: values.orgId, category: values.category, publishOn: values.publishOn, file: Boolean(file) });
  return { ok: true, id: item!.id };
}

/** Changes an item that is still in the plan; the person must run both its organisation and the one it moves to. */
export async function editStudyItem(db: DbOrTx, staffId: number, itemId: number, input: StudyItemInput, upload: Upload, now: Date): Promise<SaveOutcome> {
  const [item] = await db.select({ orgId: studyItems.orgId }).from(studyItems).where(and(eq(studyItems.id, itemId), isNull(studyItems.retiredAt)));
  const values = checkStudyItem(input);
  const file = checkUpload(upload);
  const problem = 'problem' in values ? values : file && 'problem' in file ? file : undefined;
  const details = { via: 'console', verb: 'edit', studyItemId: itemId, ...(problem ? { refused: problem.problem } : {}) };
  if (!item || !(await authorize(db, staffId, 'study.manage', { kind: 'org', id: item.orgId }, now, details))) return { refused: 'out-of-scope' };
  if (input.orgId !== item.orgId && (!(await authorize(db, staffId, 'study.manage', { kind: 'org', id: input.orgId }, now, details)) || !(await isOpen(db, input.orgId)))) return { refused: 'out-of-scope' };
  if ('problem' in values) return values;
  if (file && 'problem' in file) return file;
  await db.update(studyItems).set(values).where(eq(studyItems.id, itemId));
  if (file) await saveStudyFile(db, itemId, file, staffId, now);
  await audit(db, staffId, 'study.edit', itemId, now, { orgId: values.orgId, publishOn: values.publishOn, file: Boolean(file) });
  return { ok: true, id: itemId };
}

/**
 * 撤下: the item leaves the plan. It is pushed no more (notices still waiting for a member's quiet hours are
 * cancelled) and counts no longer for 补课; who read it stays on record.
 */
export async function retireStudyItem(db: DbOrTx, staffId: number, itemId: number, now: Date): Promise<{ ok: true; cancelled: number } | { refused: 'out-of-scope' }> {
  const [item] = await db.select({ orgId: studyItems.orgId }).from(studyItems).where(and(eq(studyItems.id, itemId), isNull(studyItems.retiredAt)));
  if (!item || !(await authorize(db, staffId, 'study.manage', { kind: 'org', id: item.orgId }, now, { via: 'console', verb: 'retire', studyItemId: itemId }))) return { refused: 'out-of-scope' };
  await db.update(studyItems).set({ retiredAt: now }).where(eq(studyItems.id, itemId));
  const cancelled = await query<{ id: number }>(db, sql`
    update outbox_messages set status = 'cancelled', claimed_until = null
    where status = 'pending' and (idempotency_key like ${`study:${itemId}:%`} or idempotency_key like ${`study-group:${itemId}:%`})
    returning id`);
  await audit(db, staffId, 'study.retire', itemId, now, { orgId: item.orgId, cancelled: cancelled.length });
  return { ok: true, cancelled: cancelled.length };
}

/** A stored item: the values it was saved with, and what the library knows of it since. */
export interface StudyItemRow extends StudyItemValues {
  id: number;
  orgName: string;
  orgPath: string;
  retiredAt: Date | null;
  fileName: string | null;
}

/**
 * One item, for a person who runs its organisation or an organisation below it (where the item is inherited into
 * the plan): undefined otherwise, the same as an item that does not exist. The look is audited (ids only).
 */
export async function studyItemFor(db: DbOrTx, staffId: number, itemId: number, now: Date, details: Record<string, unknown> = {}): Promise<(StudyItemRow & { mayEdit: boolean }) | undefined> {
  const [item] = await query<StudyItemRow>(db, sql`
    select si.id, si.org_id as "orgId", o.name as "orgName", o.path as "orgPath", si.category, si.title, si.body, si.link,
           si.publish_on::text as "publishOn", si.target_occupations as "targetOccupations", si.retired_at as "retiredAt",
           (select f.file_name from study_files f where f.item_id = si.id) as "fileName"
    from study_items si join organisations o on o.id = si.org_id where si.id = ${itemId}`);
  const managed = item ? await managedOrgs(db, staffId) : [];
  const allowed = item !== undefined && managed.some((m) => item.orgPath.startsWith(m.path) || m.path.startsWith(item.orgPath));
  await db.insert(auditLog).values({ actorId: staffId, action: 'study.view', targetKind: 'study_item', targetId: String(itemId), at: now, details: { allowed, ...details } });
  if (!item || !allowed) return undefined;
  return { ...item, mayEdit: item.retiredAt === null && managed.some((m) => item.orgPath.startsWith(m.path)) };
}

async function isOpen(db: DbOrTx, orgId: number): Promise<boolean> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.id, orgId), isNull(organisations.archivedAt)));
  return org !== undefined;
}

async function audit(db: DbOrTx, staffId: number, action: string, itemId: number, now: Date, details: Record<string, unknown>): Promise<void> {
  await db.insert(auditLog).values({ actorId: staffId, action, targetKind: 'study_item', targetId: String(itemId), at: now, details });
}
