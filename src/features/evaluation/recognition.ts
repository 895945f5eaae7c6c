import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { members, organisations, persons, recognitions, trackingEntries } from '../../db/schema/index.js';
import { button, reply, type Reply } from '../../bot/flow.js';
import { t } from '../../bot/i18n/index.js';
import { authorize, isAllowed } from '../access/authorize.js';
import { standsTo } from '../access/scope.js';
import { sendBroadcast, type NoticePacing } from '../broadcasts/notices.js';

export const MAX_REASON_CHARS = 500;

const nameOf = async (db: DbOrTx, id: number) => (await db.select({ name: persons.name }).from(persons).where(eq(persons.id, id)))[0]?.name ?? '';

/** Whether the person may announce to the member's home branch (a broadcast there): only then is the button offered. */
export async function mayAnnounce(db: DbOrTx, staffId: number, memberId: number): Promise<boolean> {
  const [m] = await db.select({ home: members.homeOrgId }).from(members).where(eq(members.personId, memberId));
  return m !== undefined && (await isAllowed(db, staffId, 'broadcast.compose', { kind: 'org', id: m.home }));
}

export const announceButton = (id: number) => button('recognition-button-announce', `example:announce:${id}`);

/**
 * 先进: a member marked as setting an example, with the reason and the organisation that proposes it (the home
 * branch, or the inflow organisation for a member attached to it). It shows on the card, in the year summary,
 * the evaluation list and export, and the statistics; whoever may send notices to the branch gets a button to
 * announce it there (through the broadcast path: the members' quiet hours and weekly cap).
 */
export async function recordRecognition(db: DbOrTx, staffId: number, memberId: number, year: number, reason: string, now: Date): Promise<{ replies: Reply[]; id?: number }> {
  if (!(await authorize(db, staffId, 'recognition.propose', { kind: 'member', id: memberId }, now, { year }))) return { replies: [reply('staff-member-not-found')] };
  if (reason.length > MAX_REASON_CHARS) return { replies: [reply('evaluation-opinion-too-long', { args: { max: MAX_REASON_CHARS } })] };
  const [m] = await db.select({ home: members.homeOrgId, inflow: members.inflowOrgId, name: persons.name }).from(members)
    .innerJoin(persons, eq(persons.id, members.personId)).where(eq(members.personId, memberId));
  if (!m) return { replies: [reply('staff-member-not-found')] };
  const orgId = (await standsTo(db, staffId, memberId, ['owner'])) ? m.home : m.inflow ?? m.home;
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  const [row] = await db.insert(recognitions).values({ memberId, year, reason, proposedByOrgId: orgId, recordedBy: staffId, recordedAt: now }).returning({ id: recognitions.id });
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { recognition: row!.id, year } });
  const buttons = (await mayAnnounce(db, staffId, memberId)) ? [[announceButton(row!.id)]] : undefined;
  return { replies: [reply('recognition-saved', { args: { name: m.name, year: String(year), org: org?.name ?? '' }, ...(buttons ? { buttons } : {}) })], id: row!.id };
}

export async function recogniseMember(db: DbOrTx, staffId: number, memberId: number, year: number, reason: string, now: Date): Promise<Reply[]> {
  return (await recordRecognition(db, staffId, memberId, year, reason, now)).replies;
}

/** The recognition, if the person may act on it: the home branch on any, an inflow organisation on those it proposed. */
async function recognitionFor(db: DbOrTx, staffId: number, id: number, action: string, now: Date) {
  const [r] = await db.select({ id: recognitions.id, memberId: recognitions.memberId, year: recognitions.year, reason: recognitions.reason, proposedBy: recognitions.proposedByOrgId, revokedAt: recognitions.revokedAt, announced: recognitions.announcedBroadcastId, home: members.homeOrgId, inflow: members.inflowOrgId })
    .from(recognitions).innerJoin(members, eq(members.personId, recognitions.memberId)).where(eq(recognitions.id, id));
  if (!r || !(await authorize(db, staffId, 'recognition.propose', { kind: 'member', id: r.memberId }, now, { recognition: id, [action]: true }))) return undefined;
  if (!(await standsTo(db, staffId, r.memberId, ['owner'])) && r.proposedBy !== r.inflow) return undefined;
  return r;
}

/** 撤销先进, with a reason: the record stays (who, when, why); lists, summaries and statistics no longer count it. */
export async function revokeRecognition(db: DbOrTx, staffId: number, id: number, reason: string, now: Date): Promise<Reply[]> {
  const r = await recognitionFor(db, staffId, id, 'revoke', now);
  if (!r) return [reply('staff-member-not-found')];
  const why = reason.trim();
  if (!why) return [reply('staff-tool-usage', { args: { tool: 'examples' } })];
  if (why.length > MAX_REASON_CHARS) return [reply('evaluation-opinion-too-long', { args: { max: MAX_REASON_CHARS } })];
  const name = await nameOf(db, r.memberId);
  if (r.revokedAt) return [reply('recognition-already-revoked', { args: { name, year: String(r.year) } })];
  await db.update(recognitions).set({ revokedAt: now, revokedBy: staffId, revokeReason: why }).where(and(eq(recognitions.id, id), isNull(recognitions.revokedAt)));
  await db.insert(trackingEntries).values({ memberId: r.memberId, at: now, actorId: staffId, kind: 'note', details: { recognitionRevoked: id, year: r.year, reason: why } });
  return [reply('recognition-revoked', { args: { name, year: String(r.year), reason: why } })];
}

/** Whether the person may revoke it (the button under the list): checked again when the reason comes. */
export async function mayRevoke(db: DbOrTx, staffId: number, id: number, now: Date): Promise<boolean> {
  const r = await recognitionFor(db, staffId, id, 'revokeAsked', now);
  return r !== undefined && r.revokedAt === null;
}

/**
 * Announces a 先进 to the member's home branch, once: a notice through the broadcast path (the sender must be allowed
 * to send notices there; each member gets it in their quiet hours and inside their weekly cap, groups bound to the branch too).
 */
export async function announceRecognition(db: DbOrTx, staffId: number, id: number, now: Date, pacing: NoticePacing): Promise<Reply[]> {
  const r = await recognitionFor(db, staffId, id, 'announce', now);
  if (!r) return [reply('staff-member-not-found')];
  const name = await nameOf(db, r.memberId);
  if (r.revokedAt) return [reply('recognition-already-revoked', { args: { name, year: String(r.year) } })];
  if (r.announced !== null) return [reply('recognition-already-announced', { args: { name, year: String(r.year) } })];
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, r.proposedBy));
  const text = t('zh-CN', 'recognition-announcement', { name, year: String(r.year), reason: r.reason, org: org?.name ?? '' });
  const replies = await sendBroadcast(db, staffId, `org=${r.home}`, text, now, pacing);
  const queued = replies.find((x) => x.key === 'broadcast-queued');
  if (queued) await db.update(recognitions).set({ announcedBroadcastId: Number(queued.args!.id) }).where(eq(recognitions.id, id));
  return replies;
}
