import type { ChatKind, Platform } from '../bot/types.js';

export interface PlatformLimits {
  /** Messages per second for the whole bot. */
  globalPerSecond: number;
  /** Messages per second into one private chat. */
  perChatPerSecond: number;
  /** Messages per minute into one group or channel. */
  perGroupPerMinute: number;
  /** Characters in one message; a longer text goes out in parts, each paced like a message of its own. */
  maxTextLength?: number;
}

/** Telegram's published limits; Slack's are about one message per second per channel. */
export const DEFAULT_LIMITS: Record<Platform, Required<PlatformLimits>> = {
  telegram: { globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20, maxTextLength: 4096 },
  // Slack cuts a message's text at 40,000 characters; the adapter lays it out in sections.
  slack: { globalPerSecond: 20, perChatPerSecond: 1, perGroupPerMinute: 60, maxTextLength: 39_000 },
  terminal: { globalPerSecond: 1000, perChatPerSecond: 1000, perGroupPerMinute: 60_000, maxTextLength: Number.MAX_SAFE_INTEGER },
};

/** Timers fire late and clocks differ: spacing a little wider than the limit costs 3% and saves most 429s. */
const SAFETY = 1.03;

/**
 * Spaces sends so the bot stays under each platform's limits, and holds back what a platform asked to wait.
 * Reservations are made in claim order, so one chat's messages keep their order. A wait the platform asks
 * for one chat holds that chat only; a second chat told to wait while the first still waits means the bot as
 * a whole is over the limit, and then the whole platform waits. The state is per process: several instances
 * share the platform's budget only approximately.
 */
export class RateLimiter {
  private readonly nextGlobal = new Map<Platform, number>();
  private readonly nextChat = new Map<string, number>();
  private readonly pausedUntil = new Map<Platform, number>();
  private readonly chatPausedUntil = new Map<string, number>();
  private readonly lastStart = new Map<Platform, number>();
  private readonly lastChatStart = new Map<string, number>();

  constructor(private readonly limits: Record<Platform, PlatformLimits>) {}

  maxTextLength(platform: Platform): number {
    return this.limits[platform].maxTextLength ?? DEFAULT_LIMITS[platform].maxTextLength;
  }

  /**
   * The earliest time (ms) this message may go, reserving that slot; or, when that is later than `latestMs`,
   * that time without reserving anything, so a message handed back does not use up a slot.
   */
  reserve(platform: Platform, chatId: string, chatKind: ChatKind, nowMs: number, latestMs = Infinity): number {
    const l = this.limits[platform];
    const chatKey = chatKeyOf(platform, chatId);
    const at = Math.max(nowMs, this.nextGlobal.get(platform) ?? 0, this.nextChat.get(chatKey) ?? 0, this.pausedUntil.get(platform) ?? 0, this.chatPausedUntil.get(chatKey) ?? 0);
    if (at > latestMs) return at;
    this.nextGlobal.set(platform, at + (1000 / l.globalPerSecond) * SAFETY);
    this.nextChat.set(chatKey, at + (chatKind === 'group' ? 60_000 / l.perGroupPerMinute : 1000 / l.perChatPerSecond) * SAFETY);
    return at;
  }

  /**
   * The platform said to wait until `untilMs` before writing to this chat again. Returns whether the whole
   * platform now waits (another chat is already waiting), or only this chat.
   */
  rateLimited(platform: Platform, chatId: string, nowMs: number, untilMs: number): 'chat' | 'platform' {
    const chatKey = chatKeyOf(platform, chatId);
    const othersWaiting = [...this.chatPausedUntil].some(([key, until]) => key !== chatKey && key.startsWith(`${platform}:`) && until > nowMs);
    this.chatPausedUntil.set(chatKey, Math.max(untilMs, this.chatPausedUntil.get(chatKey) ?? 0));
    if (!othersWaiting) return 'chat';
    this.pause(platform, untilMs);
    return 'platform';
  }

  /**
   * When a send that is about to start may really start (ms), taking that moment. Slots are reserved ahead,
   * but a send may then wait for an in-flight slot and start late, bunching up with the ones after it; this
   * keeps the starts themselves apart, for the bot and for the chat.
   */
  startAt(platform: Platform, chatId: string, chatKind: ChatKind, nowMs: number): number {
    const l = this.limits[platform];
    const chatKey = chatKeyOf(platform, chatId);
    const globalGap = (1000 / l.globalPerSecond) * SAFETY;
    const chatGap = (chatKind === 'group' ? 60_000 / l.perGroupPerMinute : 1000 / l.perChatPerSecond) * SAFETY;
    const at = Math.max(nowMs, (this.lastStart.get(platform) ?? -Infinity) + globalGap, (this.lastChatStart.get(chatKey) ?? -Infinity) + chatGap);
    this.lastStart.set(platform, at);
    this.lastChatStart.set(chatKey, at);
    this.nextChat.set(chatKey, Math.max(this.nextChat.get(chatKey) ?? 0, at + chatGap));
    return at;
  }

  pause(platform: Platform, untilMs: number): void {
    this.pausedUntil.set(platform, Math.max(untilMs, this.pausedUntil.get(platform) ?? 0));
  }

  /** When the whole platform may be written to again, if it is waiting now. */
  pausedAt(platform: Platform, nowMs: number): number | undefined {
    const until = this.pausedUntil.get(platform);
    return until !== undefined && until > nowMs ? until : undefined;
  }

  /** When this chat may be written to again, if it (or its whole platform) is waiting now. */
  chatPausedAt(platform: Platform, chatId: string, nowMs: number): number | undefined {
    const until = Math.max(this.chatPausedUntil.get(chatKeyOf(platform, chatId)) ?? 0, this.pausedUntil.get(platform) ?? 0);
    return until > nowMs ? until : undefined;
  }

  /** Forget chats whose next slot and wait have passed, so the maps do not grow with every chat ever written to. */
  prune(nowMs: number): void {
    for (const [key, at] of this.nextChat) if (at < nowMs) this.nextChat.delete(key);
    for (const [key, at] of this.chatPausedUntil) if (at < nowMs) this.chatPausedUntil.delete(key);
    for (const [key, at] of this.lastChatStart) if (at < nowMs - 60_000) this.lastChatStart.delete(key);
  }
}

/** The limits from the configuration (TELEGRAM_PER_SECOND, SLACK_PER_CHANNEL_PER_SECOND, …). */
export function limitsFromConfig(c: {
  TELEGRAM_PER_SECOND: number; TELEGRAM_PER_CHAT_PER_SECOND: number; TELEGRAM_PER_GROUP_PER_MINUTE: number;
  SLACK_PER_SECOND: number; SLACK_PER_CHANNEL_PER_SECOND: number;
}): Record<Platform, PlatformLimits> {
  return {
    ...DEFAULT_LIMITS,
    telegram: { ...DEFAULT_LIMITS.telegram, globalPerSecond: c.TELEGRAM_PER_SECOND, perChatPerSecond: c.TELEGRAM_PER_CHAT_PER_SECOND, perGroupPerMinute: c.TELEGRAM_PER_GROUP_PER_MINUTE },
    slack: { ...DEFAULT_LIMITS.slack, globalPerSecond: c.SLACK_PER_SECOND, perChatPerSecond: c.SLACK_PER_CHANNEL_PER_SECOND, perGroupPerMinute: c.SLACK_PER_CHANNEL_PER_SECOND * 60 },
  };
}

/** One key per chat for its limits: a group's topics (`<group>:<topic>`, Telegram) share their group's. */
function chatKeyOf(platform: Platform, chatId: string): string {
  return `${platform}:${chatId.startsWith('-') ? chatId.replace(/:\d+$/, '') : chatId}`;
}
