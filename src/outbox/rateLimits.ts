import type { ChatKind, Platform } from '../bot/types.js';

export interface PlatformLimits {
  /** Messages per second for the whole bot. */
  globalPerSecond: number;
  /** Messages per second into one private chat. */
  perChatPerSecond: number;
  /** Messages per minute into one group or channel. */
  perGroupPerMinute: number;
}

/** Telegram's published limits; Slack's are about one message per second per channel. */
export const DEFAULT_LIMITS: Record<Platform, PlatformLimits> = {
  telegram: { globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 },
  slack: { globalPerSecond: 20, perChatPerSecond: 1, perGroupPerMinute: 60 },
  terminal: { globalPerSecond: 1000, perChatPerSecond: 1000, perGroupPerMinute: 60_000 },
};

/** Timers fire late and clocks differ: spacing a little wider than the limit costs 3% and saves most 429s. */
const SAFETY = 1.03;

/**
 * Spaces sends so the bot stays under each platform's limits, and holds a whole platform back while it has
 * asked us to wait. Reservations are made in claim order, so one chat's messages keep their order.
 * The state is per process: several instances share the platform's budget only approximately.
 */
export class RateLimiter {
  private readonly nextGlobal = new Map<Platform, number>();
  private readonly nextChat = new Map<string, number>();
  private readonly pausedUntil = new Map<Platform, number>();

  constructor(private readonly limits: Record<Platform, PlatformLimits>) {}

  /**
   * The earliest time (ms) this message may go, reserving that slot; or, when that is later than `latestMs`,
   * that time without reserving anything, so a message handed back does not use up a slot.
   */
  reserve(platform: Platform, chatId: string, chatKind: ChatKind, nowMs: number, latestMs = Infinity): number {
    const l = this.limits[platform];
    const chatKey = `${platform}:${chatId}`;
    const at = Math.max(nowMs, this.nextGlobal.get(platform) ?? 0, this.nextChat.get(chatKey) ?? 0, this.pausedUntil.get(platform) ?? 0);
    if (at > latestMs) return at;
    this.nextGlobal.set(platform, at + (1000 / l.globalPerSecond) * SAFETY);
    this.nextChat.set(chatKey, at + (chatKind === 'group' ? 60_000 / l.perGroupPerMinute : 1000 / l.perChatPerSecond) * SAFETY);
    return at;
  }

  pause(platform: Platform, untilMs: number): void {
    this.pausedUntil.set(platform, Math.max(untilMs, this.pausedUntil.get(platform) ?? 0));
  }

  pausedAt(platform: Platform, nowMs: number): number | undefined {
    const until = this.pausedUntil.get(platform);
    return until !== undefined && until > nowMs ? until : undefined;
  }

  /** Forget chats whose next slot has passed, so the map does not grow with every chat ever written to. */
  prune(nowMs: number): void {
    for (const [key, at] of this.nextChat) if (at < nowMs) this.nextChat.delete(key);
  }
}

/** The limits from the configuration (TELEGRAM_PER_SECOND, SLACK_PER_CHANNEL_PER_SECOND, …). */
export function limitsFromConfig(c: {
  TELEGRAM_PER_SECOND: number; TELEGRAM_PER_CHAT_PER_SECOND: number; TELEGRAM_PER_GROUP_PER_MINUTE: number;
  SLACK_PER_SECOND: number; SLACK_PER_CHANNEL_PER_SECOND: number;
}): Record<Platform, PlatformLimits> {
  return {
    ...DEFAULT_LIMITS,
    telegram: { globalPerSecond: c.TELEGRAM_PER_SECOND, perChatPerSecond: c.TELEGRAM_PER_CHAT_PER_SECOND, perGroupPerMinute: c.TELEGRAM_PER_GROUP_PER_MINUTE },
    slack: { globalPerSecond: c.SLACK_PER_SECOND, perChatPerSecond: c.SLACK_PER_CHANNEL_PER_SECOND, perGroupPerMinute: c.SLACK_PER_CHANNEL_PER_SECOND * 60 },
  };
}
