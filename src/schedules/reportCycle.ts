import type { DbOrTx } from '../db/client.js';
import { button, reply, type ReplyButton } from '../bot/flow.js';
import { notifyPerson } from '../bot/notify.js';
import { nextMonth } from '../features/dues/months.js';
import { afterLooksStored, dueChaseLooks, storeNextLooks, type ChaseLook, type NextLook, type OverdueMember } from './overdue.js';
import { lookAgainIfDefaultsChanged } from './chaseBasis.js';
import { promptsThisWeek, queuedKeys } from './prompts.js';
import { cycleResolver, type CycleDays, type ScheduleConfig } from './settings.js';
import { pacingResolver } from '../features/settings/index.js';
import { groupBy, sendSecretaryDigests } from './secretaryDigest.js';
import { nextOffPeak } from './timing.js';

export interface CycleOutcome {
  reminders: number;
  followUps: number;
  heldByCap: number;
  liaisonDigests: number;
  secretaryDigests: number;
  /** Members looked at this run: their next look had come. */
  looked: number;
}

/** Buttons a liaison can press straight from the digest; the first few members, to keep the message short. */
const DIGEST_BUTTONS = 6;
/** Looks read per page. */
const LOOK_PAGE = 20_000;

/**
 * The monthly chase, in the order the branches asked for: the member once, then once more, then their
 * liaison gets one list of everyone overdue, then the secretary gets what is still overdue by liaison.
 * Run it as often as you like: every message has a key per period, so nothing is queued twice.
 */
export async function runReportCycle(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<CycleOutcome> {
  const outcome: CycleOutcome = { reminders: 0, followUps: 0, heldByCap: 0, liaisonDigests: 0, secretaryDigests: 0, looked: 0 };
  await lookAgainIfDefaultsChanged(db, config);
  const cycleOf = await cycleResolver(db, config);
  const { overdue: due, looked } = await lookAtDueMembers(db, now, cycleOf);
  outcome.looked = looked;
  if (due.length === 0) return outcome;
  const pacingAt = await pacingResolver(db, config);

  const stageOf = (m: OverdueMember) => {
    const days = stageDays(cycleOf(m.orgPath));
    return { reminder: m.localDay >= days[0], followUp: m.localDay >= days[1], liaison: m.localDay >= days[2], secretary: m.localDay >= days[3] };
  };
  const staged = due.map((m) => ({ m, stage: stageOf(m) })).filter((x) => x.stage.reminder);
  const held = new Set<number>();

  // The member: at most one reminder and one follow-up a month, within the weekly cap, in their off-peak hours.
  const wanted = staged.map(({ m, stage }) => ({
    m,
    kind: stage.followUp ? ('followup' as const) : ('reminder' as const),
    key: `${stage.followUp ? 'followup' : 'reminder'}:monthly:${m.period}:${m.memberId}`,
  }));
  const already = await queuedKeys(db, wanted.map((w) => w.key));
  const fresh = wanted.filter((w) => !already.has(w.key));
  const prompts = await promptsThisWeek(db, fresh.map((w) => w.m.memberId), now);
  for (const w of fresh) {
    const used = prompts.get(w.m.memberId) ?? 0;
    // The quiet hours and the cap of the member's own organisation (or the nearest above that set them).
    const pacing = pacingAt(w.m.orgPath);
    if (used >= pacing.cap) {
      // Over the cap the member is not asked again: the liaison's list carries them instead.
      outcome.heldByCap++;
      held.add(w.m.memberId);
      continue;
    }
    const queued = await notifyPerson(
      db,
      w.m.memberId,
      reply(w.kind === 'followup' ? 'reminder-monthly-followup' : 'reminder-monthly', { buttons: [[button('menu-checkin', 'menu:checkIn')]] }),
      { key: w.key, purpose: w.kind, now, notBefore: nextOffPeak(now, w.m.timezone, pacing.window) },
    );
    if (!queued) continue;
    prompts.set(w.m.memberId, used + 1);
    if (w.kind === 'followup') outcome.followUps++;
    else outcome.reminders++;
  }

  // The liaison: one digest of all their overdue members, not a message each.
  const forLiaisons = groupBy(staged.filter((x) => x.stage.liaison && x.m.liaisonId !== null).map((x) => x.m), (m) => m.liaisonId!);
  for (const [liaisonId, list] of forLiaisons) {
    const period = list[0]!.period;
    const buttons: ReplyButton[][] = list.slice(0, DIGEST_BUTTONS).map((m) => [button('digest-button-log-call', `contact:call:${m.memberId}`, { name: m.name })]);
    const sent = await notifyPerson(
      db,
      liaisonId,
      reply('digest-liaison-overdue', { args: { count: list.length, period, lines: list.map((m) => `• ${m.name}`).join('\n') }, buttons }),
      { key: `digest:liaison:${period}:${liaisonId}`, purpose: 'digest', now },
    );
    if (sent) outcome.liaisonDigests++;
  }

  // The secretary: what is still overdue, by liaison.
  outcome.secretaryDigests = await sendSecretaryDigests(db, staged.filter((x) => x.stage.secretary).map((x) => x.m), now, (list, secretaryId) => {
    const period = list[0]!.period;
    const byLiaison = groupBy(list, (m) => m.liaisonId);
    const lines = [...byLiaison.values()].map((ms) => `• ${ms[0]!.liaisonName ?? '—'}：${ms.map((m) => m.name).join('、')}`).join('\n');
    return { message: reply('digest-secretary-overdue', { args: { count: list.length, liaisons: byLiaison.size, period, lines } }), key: `digest:secretary:${period}:${secretaryId}` };
  });

  await afterLooksStored(db, await storeNextLooks(db, due.map((m) => nextLook(m, cycleOf(m.orgPath), held.has(m.memberId), now))));
  return outcome;
}

/**
 * The members whose look has come, read page by page: those not overdue only need their next look stored, so a
 * first run over a whole province holds no more than the overdue in memory. Returns the overdue.
 */
export async function lookAtDueMembers(db: DbOrTx, now: Date, cycleOf: (orgPath: string) => CycleDays): Promise<{ overdue: ChaseLook[]; looked: number }> {
  const overdue: ChaseLook[] = [];
  let looked = 0;
  let stored = 0;
  for (let after = 0; ; ) {
    const page = await dueChaseLooks(db, now, { afterMemberId: after, limit: LOOK_PAGE });
    looked += page.length;
    stored += await storeNextLooks(db, page.filter((m) => !m.overdue).map((m) => nextLook(m, cycleOf(m.orgPath), false, now)));
    overdue.push(...page.filter((m) => m.overdue));
    if (page.length < LOOK_PAGE) break;
    after = page.at(-1)!.memberId;
  }
  await afterLooksStored(db, stored);
  return { overdue, looked };
}

/** The local days of the month the four stages begin on: reminder, follow-up, liaison, secretary. */
function stageDays(c: CycleDays): [number, number, number, number] {
  const followUp = c.reminderDay + c.followUpAfterDays;
  const liaison = followUp + c.liaisonAfterDays;
  return [c.reminderDay, followUp, liaison, liaison + c.secretaryAfterDays];
}

/**
 * When the job must look at a member again: the next stage's day this month while they are overdue, else the next
 * month's reminder day; held by the weekly cap, the next run. Days past the month's end run into the next month,
 * where the look finds the new month and moves on: a look may come early, never late.
 */
export function nextLook(m: ChaseLook, cycle: CycleDays, heldByCap: boolean, now: Date): NextLook {
  if (heldByCap) return { memberId: m.memberId, version: m.version, at: now };
  const stage = m.overdue ? stageDays(cycle).find((day) => day > m.localDay) : undefined;
  const period = stage === undefined ? nextMonth(m.period) : m.period;
  return { memberId: m.memberId, version: m.version, timezone: m.timezone, period, reminderDay: cycle.reminderDay, lookDay: stage ?? cycle.reminderDay };
}
