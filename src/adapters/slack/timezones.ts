import type { WebClient } from '@slack/web-api';
import type { Incoming } from '../../bot/types.js';
import type { Logger } from '../../logger.js';

/**
 * Each person's time zone as Slack knows it (users.info `tz`, scope users:read), asked once per person while
 * the process runs and handed to the core with what they send. A failed call (no scope yet, Slack away) is not
 * retried for that person until the next start: their time zone simply stays as it was.
 */
export class SlackTimeZones {
  private readonly known = new Map<string, Promise<string | undefined>>();

  constructor(private readonly client: WebClient, private readonly logger: Logger) {}

  /** The incoming message with its sender's time zone, where Slack gave one. */
  async withZone(incoming: Incoming): Promise<Incoming> {
    const tz = await this.zoneOf(incoming.userId);
    return tz ? { ...incoming, timezone: tz } : incoming;
  }

  zoneOf(userId: string): Promise<string | undefined> {
    let zone = this.known.get(userId);
    if (!zone) {
      zone = this.ask(userId);
      this.known.set(userId, zone);
    }
    return zone;
  }

  private async ask(userId: string): Promise<string | undefined> {
    try {
      const info = await this.client.users.info({ user: userId });
      return info.user?.tz || undefined;
    } catch (err) {
      const code = (err as { data?: { error?: string }; code?: string }).data?.error ?? (err as { code?: string }).code;
      this.logger.warn({ platform: 'slack', code }, 'slack: users.info failed; the time zone stays as it was');
      return undefined;
    }
  }
}
