import type { DbOrTx } from '../db/client.js';
import { button, reply, type ReplyButton } from '../bot/flow.js';
import { notifyPerson } from '../bot/notify.js';
import { overdueMembers, type OverdueMember } from './overdue.js';
import { promptsThisWeek, queuedKeys } from './prompts.js';
import { cycleResolver, type ScheduleConfig } from './settings.js';
import { pacingResolver } from '../features/settings/index.js';
import { groupBy, sendSecretaryDigests } from './secretaryDigest.js';
import { nextOffPeak } from './timing.js';

export interface CycleOutcome {
  reminders: number;
  followUps: number;
  heldByCap: number;
  liaisonDigests: number;
  secretaryDigests: number;
}

/** Buttons a liaison can press straight from the digest; the first few members, to keep the message short. */
const DIGEST_BUTTONS = 6;

/**
 * The monthly chase, in the order the branches asked for: the member once, then once more, then their
 * liaison gets one list of everyone overdue, then the secretary gets what is still overdue by liaison.
 * Run it as often as you like: every message has a key per period, so nothing is queued twice.
 */
export async function runReportCycle(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<CycleOutcome> {
  const outcome: CycleOutcome = { reminders: 0, followUps: 0, heldByCap: 0, liaisonDigests: 0, secretaryDigests: 0 };
  const overdue = await overdueMembers(db, now);
  if (overdue.length === 0) return outcome;
  const cycleOf = await cycleResolver(db, config);
  const pacingAt = await pacingResolver(db, config);

  const stageOf = (m: OverdueMember) => {
    const c = cycleOf(m.orgPath);
    const followUpDay = c.reminderDay + c.followUpAfterDays;
    const liaisonDay = followUpDay + c.liaisonAfterDays;
    return {
      reminder: m.localDay >= c.reminderDay,
      followUp: m.localDay >= followUpDay,
      liaison: m.localDay >= liaisonDay,
      secretary: m.localDay >= liaisonDay + c.secretaryAfterDays,
    };
  };
  const staged = overdue.map((m) => ({ m, stage: stageOf(m) })).filter((x) => x.stage.reminder);

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
  return outcome;
}
