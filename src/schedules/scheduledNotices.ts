import type { Clock } from '../bot/clock.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import { sendDueNotices } from '../features/broadcasts/scheduled.js';
import type { NoticePacing } from '../features/broadcasts/notices.js';

/**
 * Scheduled notices go out within a minute of their time: every instance looks each `everyMs` (and at start, which
 * catches up what came due while all were down). Which instance sends a notice is decided per notice in the
 * database (features/broadcasts/scheduled.ts), so N instances send each once; no (job, fire time) row is needed.
 */
export class ScheduledNotices {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: { database: Database; clock: Clock; logger: Logger; pacing: NoticePacing; everyMs?: number }) {}

  /** Sends what is due now; returns how many notices this instance queued. */
  async tick(): Promise<number> {
    const { database, clock, logger, pacing } = this.opts;
    try {
      const sent = await sendDueNotices(database.db, clock.now(), pacing);
      if (sent) logger.info({ scheduledNoticesSent: sent }, 'scheduled notices queued');
      return sent;
    } catch (err) {
      logger.warn({ err }, 'scheduled notices: will try again');
      return 0;
    }
  }

  start(): void {
    const run = () => {
      this.running = this.running.then(() => this.tick());
    };
    run();
    this.timer = setInterval(run, this.opts.everyMs ?? 30_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
