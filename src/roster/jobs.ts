import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client.js';
import { rosterImports } from '../db/schema/index.js';
import type { Clock } from '../bot/clock.js';
import { rowsOfResult as rowsOf } from '../db/query.js';
import { searchRegions } from '../bot/regions/index.js';
import { t } from '../bot/i18n/index.js';
import type { Logger } from '../logger.js';
import { jobLanguage, tellImporter, textWithButtons, type RosterJob } from './jobMessages.js';
import { applyJob, FileUnavailable, previewJob, refuseJob, type FileFetcher } from './jobWork.js';
import type { RosterSheet } from './header.js';
import { RosterFileRefused } from './limits.js';

export interface RosterRunnerOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  files?: FileFetcher | undefined;
  /** Called after messages were queued, so the outbox sends them now. */
  onQueued?: () => void;
  pollMs?: number;
  leaseMs?: number;
  /** A preview not confirmed within this long is dropped with its file. */
  keepPreviewDays?: number;
  /** Resolves when no member's update is being handled (or after a bounded wait): awaited between chunks. */
  quiet?: () => Promise<void>;
}

const MAX_ATTEMPTS = 3;

/**
 * Runs chat roster imports off the update path. Jobs live in `roster_imports`; one is claimed with
 * FOR UPDATE SKIP LOCKED and a lease, so every instance may run this and each job runs once, and a job whose
 * instance died is taken over when its lease runs out and carried on from its last committed chunk.
 */
export class RosterImportRunner {
  private readonly instance = randomUUID();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;
  /** The last sheet read, for the apply that usually follows its preview on the same instance. */
  private readonly sheets = new Map<number, RosterSheet>();

  constructor(private readonly opts: RosterRunnerOptions) {}

  private get leaseMs() { return this.opts.leaseMs ?? 60_000; }

  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // A third of a second of building the place-name index, done now rather than in the first import.
    setImmediate(() => searchRegions('北京'));
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Works until no job is left to claim (tests and the command line; the loop does the same in the bot). */
  async drain(): Promise<number> {
    let n = 0;
    while (await this.runOnce()) n++;
    return n;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.kicked = false;
      try {
        while (this.running && (await this.runOnce()));
        await this.forgetOldFiles();
      } catch (err) {
        this.opts.logger.warn({ err: { code: (err as { code?: string }).code } }, 'roster import runner: database unavailable');
      }
      if (!this.running || this.kicked) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.opts.pollMs ?? 5_000);
        timer.unref?.();
        this.wake = () => { clearTimeout(timer); resolve(); };
      });
      this.wake = undefined;
    }
  }

  /** The next job with work to do and no live lease; only `jobId` when given. */
  private async claim(jobId?: number): Promise<RosterJob | undefined> {
    const now = this.opts.clock.now();
    const until = new Date(now.getTime() + this.leaseMs);
    const rows = rowsOf<{ id: number }>(await this.opts.database.db.execute(sql`
      update roster_imports set lease_owner = ${this.instance}, lease_until = ${until.toISOString()}::timestamptz,
        attempts = attempts + 1, updated_at = ${now.toISOString()}::timestamptz,
        state = case state when 'queued' then 'previewing' when 'confirmed' then 'applying' else state end
      where id = (
        select id from roster_imports
        where state in ('queued', 'previewing', 'confirmed', 'applying') and (lease_until is null or lease_until < ${now.toISOString()}::timestamptz)
          ${jobId === undefined ? sql`` : sql`and id = ${jobId}`}
        order by id limit 1 for update skip locked)
      returning id`));
    if (!rows[0]) return undefined;
    const [job] = await this.opts.database.db.select().from(rosterImports).where(eq(rosterImports.id, rows[0].id));
    return job;
  }

  /** Claims one job and works it; false when there was none. */
  async runOnce(): Promise<boolean> {
    return this.work(await this.claim());
  }

  /**
   * Works this job now, if it has work and no other instance holds it: a small file uploaded in the console is
   * previewed (or applied) while its page waits, instead of at the runner's next poll.
   */
  async runNow(jobId: number): Promise<boolean> {
    return this.work(await this.claim(jobId));
  }

  private async work(job: RosterJob | undefined): Promise<boolean> {
    if (!job) return false;
    const renew = async (db: DbOrTx) => {
      const until = new Date(this.opts.clock.now().getTime() + this.leaseMs);
      await db.update(rosterImports).set({ leaseUntil: until }).where(and(eq(rosterImports.id, job.id), eq(rosterImports.leaseOwner, this.instance)));
    };
    const deps = { database: this.opts.database, files: this.opts.files, now: () => this.opts.clock.now(), renew, sheets: this.sheets, quiet: this.opts.quiet };
    const log = { importId: job.id, state: job.state, attempt: job.attempts };
    try {
      if (job.attempts > MAX_ATTEMPTS) await this.giveUp(job);
      else if (job.state === 'previewing') await previewJob(deps, job);
      else await applyJob(deps, job);
      this.opts.logger.info(log, 'roster import step done');
    } catch (err) {
      if (err instanceof RosterFileRefused || err instanceof FileUnavailable) {
        await refuseJob(this.opts.database.db, job, err, this.opts.clock.now());
        this.opts.logger.info({ ...log, reason: err instanceof RosterFileRefused ? err.reason : 'unavailable' }, 'roster import refused');
      } else {
        // Left claimed: the lease runs out and the next attempt starts from the last committed chunk.
        this.opts.logger.error({ ...log, err: { code: (err as { code?: string }).code } }, 'roster import step failed');
      }
    }
    this.opts.onQueued?.();
    return true;
  }

  private async giveUp(job: RosterJob): Promise<void> {
    const db = this.opts.database.db;
    const lang = await jobLanguage(db, job);
    await tellImporter(db, job, 'failed', textWithButtons(lang, t(lang, 'roster-job-failed')), this.opts.clock.now());
    await db.update(rosterImports).set({ state: 'failed', file: null, leaseOwner: null, leaseUntil: null, updatedAt: this.opts.clock.now() }).where(eq(rosterImports.id, job.id));
  }

  /** Files are kept only while needed: a preview nobody confirmed goes after a week, with its file and rows. */
  private async forgetOldFiles(): Promise<void> {
    for (const id of this.sheets.keys()) {
      const [job] = await this.opts.database.db.select({ state: rosterImports.state }).from(rosterImports).where(eq(rosterImports.id, id));
      if (!job || !['previewed', 'confirmed', 'applying'].includes(job.state)) this.sheets.delete(id);
    }
    const cutoff = new Date(this.opts.clock.now().getTime() - (this.opts.keepPreviewDays ?? 7) * 86_400_000);
    const db = this.opts.database.db;
    await db.update(rosterImports).set({ state: 'cancelled', file: null })
      .where(and(inArray(rosterImports.state, ['previewed', 'choosing_branch']), lt(rosterImports.updatedAt, cutoff)));
    await db.update(rosterImports).set({ file: null })
      .where(and(isNotNull(rosterImports.file), inArray(rosterImports.state, ['done', 'cancelled', 'refused', 'failed'])));
    // A console upload's rows and marked copy stay for its page a week, like an unconfirmed preview.
    await db.update(rosterImports).set({ detail: null, report: null })
      .where(and(or(isNotNull(rosterImports.detail), isNotNull(rosterImports.report)), lt(rosterImports.updatedAt, cutoff),
        inArray(rosterImports.state, ['done', 'cancelled', 'refused', 'failed'])));
  }
}
