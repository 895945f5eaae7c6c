import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { SendLedger } from './ledger.js';
import { rowsOfResult } from '../db/query.js';
import type { ChatKind, Platform } from '../bot/types.js';
import type { PlatformLimits } from './rateLimits.js';

/**
 * Timers fire late, requests take a moment to arrive and clocks differ: windows a little longer than the
 * platform's keep the starts the budget allows apart by 2.5% more than the limit, and cost 2.5% of the ceiling.
 */
export const WINDOW_SAFETY = 1.025;

/** A send that started this much later than its slot has its slot moved to when it really started. */
export const LATE_START_MS = 3;

/** At most `n` starts in any `w` ms, and no two less than `gap` ms apart. */
export interface SendWindow {
  n: number;
  w: number;
  gap: number;
}

/** One send, as the budget sees it: which platform and chat, and, for an outbox row, which row and whose claim. */
export interface SlotRequest {
  platform: Platform;
  chatId: string;
  chatKind: ChatKind;
  /** The row to mark in flight with the slot, while it is still claimed by `claimer`. */
  row?: { id: number; claimer: string };
}

/**
 * `taken`: the slot is this send's, at `at` (ms); the row, if any, is marked in flight. Otherwise `at` is
 * the earliest start the budget would allow (later than asked for), or the row is no longer this batch's.
 */
export type Slot = { taken: true; at: number } | { taken: false; at: number } | { taken: false; lost: true };

/** The windows of a platform: its overall limit, and the limit of one chat of this kind. */
export function windowsOf(limits: PlatformLimits, chatKind: ChatKind): { platform: SendWindow; chat: SendWindow } {
  // Starts are kept 90% of the average spacing apart: a whole window's worth at once would leave as one
  // burst and arrive less evenly than it left. A start a little late pushes the next ones by no more than
  // its lateness, and the window's last tenth takes that up.
  const window = (n: number, ms: number) => {
    const w = Math.ceil(ms * WINDOW_SAFETY);
    return { n, w, gap: Math.floor((w / n) * 0.9) };
  };
  const perSecond = window(limits.perChatPerSecond, 1000);
  if (chatKind !== 'group') return { platform: window(limits.globalPerSecond, 1000), chat: perSecond };
  // A group is held to its limit a minute and, like every chat, to its limit a second (Slack's channels).
  const perMinute = window(limits.perGroupPerMinute, 60_000);
  return { platform: window(limits.globalPerSecond, 1000), chat: { ...perMinute, gap: Math.max(perMinute.gap, Math.ceil(perSecond.w / perSecond.n)) } };
}

/** One key per chat for its limits: a group's topics (`<group>:<topic>`, Telegram) share their group's. */
export function chatKeyOf(platform: Platform, chatId: string): string {
  return `${platform}:${chatId.startsWith('-') ? chatId.replace(/:\d+$/, '') : chatId}`;
}

/** A send that started later than its slot: which, planned when, and when it really started. */
export interface LateStart {
  req: SlotRequest;
  plannedMs: number;
  startedMs: number;
}

/**
 * The statement that moves a late start's slot (SendBudget.startedLate). The sender runs it with the outcome of
 * that send, in the same statement: one round trip a message fewer.
 */
export function lateStartMove({ req, plannedMs, startedMs }: LateStart): SQL {
  const keys = [req.platform, chatKeyOf(req.platform, req.chatId)];
  return sql`
      update send_budget
      set starts = starts[:array_position(starts, ${plannedMs}::bigint) - 1] || ${startedMs}::bigint || starts[array_position(starts, ${plannedMs}::bigint) + 1:]
      where key in ${keys} and array_position(starts, ${plannedMs}::bigint) is not null`;
}

/**
 * The platforms' limits, shared by every instance through the database (table send_budget): a slot is a
 * start time written to the platform's and the chat's row in one statement, so instances together keep to
 * the limits and, taking slots as they come, reach them. Slots are sliding windows of start times, as
 * platforms count: a start that came late does not hold back the ones after it, only its own window.
 */
export class SendBudget {
  /**
   * `ledger`: where an outbox row's slot is taken, in one statement with the records of the sends before it
   * (ledger.ts); the sender shares it with its outcome recorder.
   */
  constructor(
    private readonly db: Db,
    private readonly limits: (platform: Platform) => PlatformLimits,
    private readonly ledger: SendLedger,
  ) {}

  /** The earliest slot from `earliestMs`, taken when it is no later than `latestMs`. */
  async take(req: SlotRequest, earliestMs: number, latestMs: number): Promise<Slot> {
    const { platform, chat } = windowsOf(this.limits(req.platform), req.chatKind);
    const chatKey = chatKeyOf(req.platform, req.chatId);
    if (!req.row) {
      const slot = sql`take_send_slot(${req.platform}, ${platform.n}::int, ${platform.w}::bigint, ${platform.gap}::bigint, ${chatKey}, ${chat.n}::int, ${chat.w}::bigint, ${chat.gap}::bigint, ${Math.floor(earliestMs)}::bigint, ${Math.floor(latestMs)}::bigint)`;
      const [r] = rowsOfResult<{ slot_at: string | number; taken: boolean }>(await this.db.execute(sql`select * from ${slot}`));
      return { taken: r!.taken, at: Number(r!.slot_at) } as Slot;
    }
    // Only while the row is still this batch's claim; the slot and the row's in-flight mark together.
    const r = await this.ledger.take({
      id: req.row.id, claimer: req.row.claimer, platform: req.platform, platformN: platform.n, platformW: platform.w, platformGap: platform.gap,
      chat: chatKey, chatN: chat.n, chatW: chat.w, chatGap: chat.gap, earliest: Math.floor(earliestMs), latest: Math.floor(latestMs),
    });
    if (!r || r.slot_at === null || (r.taken && !r.marked)) return { taken: false, lost: true };
    return { taken: Boolean(r.taken), at: Number(r.slot_at) } as Slot;
  }

  /**
   * The send of slot `plannedMs` really started at `startedMs` (later): the slot moves there, so the
   * windows count the start the platform saw. Moving a start later only ever makes the budget stricter.
   */
  async startedLate(req: SlotRequest, plannedMs: number, startedMs: number): Promise<void> {
    await this.db.execute(lateStartMove({ req, plannedMs, startedMs }));
  }

  /** The platform said to wait until `untilMs`: for this chat, or (`chatId` undefined) for all of them. */
  async pause(platform: Platform, chatId: string | undefined, untilMs: number): Promise<void> {
    const key = chatId === undefined ? platform : chatKeyOf(platform, chatId);
    await this.db.execute(sql`
      insert into send_budget (key, paused_until) values (${key}, ${Math.ceil(untilMs)}::bigint)
      on conflict (key) do update set paused_until = greatest(send_budget.paused_until, excluded.paused_until)`);
  }

  /** Forgets chats with no start in the last two minutes and no wait ahead, so the table stays as small as what is being sent. */
  async prune(nowMs: number): Promise<void> {
    await this.db.execute(sql`
      delete from send_budget
      where position(':' in key) > 0 and paused_until < ${Math.floor(nowMs)}::bigint
        and coalesce((select max(s) from unnest(starts) s), 0) < ${Math.floor(nowMs) - 2 * Math.ceil(60_000 * WINDOW_SAFETY)}::bigint`);
  }
}
