import type { Platform } from '../bot/types.js';
import { chatKeyOf } from './budget.js';

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

/**
 * What the platform asked to wait for, as this instance learnt it: a wait the platform asks for one chat holds
 * that chat only; a second chat told to wait while the first still waits means the bot as a whole is over the
 * limit, and then the whole platform waits. The sender also writes these waits to the shared send budget, so
 * the other instances wait too; the pacing itself is the budget's (budget.ts).
 */
export class RateLimiter {
  private readonly pausedUntil = new Map<Platform, number>();
  private readonly chatPausedUntil = new Map<string, number>();

  constructor(private readonly limits: Record<Platform, PlatformLimits>) {}

  limitsOf(platform: Platform): PlatformLimits {
    return this.limits[platform];
  }

  maxTextLength(platform: Platform): number {
    return this.limits[platform].maxTextLength ?? DEFAULT_LIMITS[platform].maxTextLength;
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

  /** Forget chats whose wait has passed, so the map does not grow with every chat ever written to. */
  prune(nowMs: number): void {
    for (const [key, at] of this.chatPausedUntil) if (at < nowMs) this.chatPausedUntil.delete(key);
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
