import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/client.js';
import type { Clock } from '../bot/clock.js';
import type { SendOutcome } from '../bot/types.js';
import type { HttpModule } from '../http/server.js';
import { lastJobRuns, outboxBacklog, possibleDuplicates, serverConnections } from './stats.js';

/** What the core reports as it works (createBot calls these); the rest is read from the database at each scrape. */
export interface WorkObserver {
  update(platform: string, outcome: string, seconds: number): void;
  send(platform: string, outcome: SendOutcome): void;
}

/**
 * The bot's Prometheus series. Counters count in this process; backlog, ages and job runs are read from the
 * shared database when scraped, so every instance reports the same backlog (take max, not sum, across instances).
 */
export class BotMetrics implements WorkObserver {
  readonly registry = new Registry();
  private readonly updates = new Counter({ name: 'bot_updates_total', help: 'Updates handled, by platform and outcome (applied, duplicate, unavailable, error).', labelNames: ['platform', 'outcome'], registers: [this.registry] });
  private readonly handling = new Histogram({
    name: 'bot_update_handling_seconds',
    help: 'Time to handle one update, from arrival to replies queued.',
    labelNames: ['platform'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly sent = new Counter({ name: 'bot_messages_sent_total', help: 'Messages (or message parts) the platform accepted.', labelNames: ['platform'], registers: [this.registry] });
  private readonly limited = new Counter({ name: 'bot_rate_limited_total', help: 'Sends the platform refused with 429 / retry_after.', labelNames: ['platform'], registers: [this.registry] });
  /** Reads backlog, ages, job runs and connections from the database into their gauges. */
  readonly refresh: () => Promise<void>;
  private readonly failed = new Counter({ name: 'bot_send_failures_total', help: 'Sends that failed, by kind (transient, permanent, rejected).', labelNames: ['platform', 'kind'], registers: [this.registry] });

  constructor(opts: { database: Database; clock: Clock; instance: string; poolMax?: number }) {
    const { database, clock } = opts;
    const registers = [this.registry];
    new Gauge({ name: 'bot_instance_info', help: 'This instance (value 1).', labelNames: ['instance', 'database'], registers }).set({ instance: opts.instance, database: database.kind }, 1);
    const up = new Gauge({ name: 'bot_database_up', help: '1 when the last scrape could read the database.', registers });
    const backlog = new Gauge({ name: 'bot_outbox_backlog', help: 'Messages pending or being sent, by platform.', labelNames: ['platform'], registers });
    const oldest = new Gauge({ name: 'bot_outbox_oldest_due_seconds', help: 'How long the most overdue pending message has been due, by platform.', labelNames: ['platform'], registers });
    const duplicates = new Gauge({
      name: 'bot_outbox_possible_duplicates',
      help: 'Messages kept in the outbox whose send a crash cut off before it was recorded: sent again, each may have arrived twice (the log names them by id).',
      labelNames: ['platform'],
      registers,
    });
    const jobs = new Gauge({ name: 'bot_job_last_success_timestamp_seconds', help: 'When each scheduled job last finished a run (any instance).', labelNames: ['job'], registers });
    const connections = new Gauge({ name: 'bot_database_connections', help: "This application's connections on the PostgreSQL server, by state (all instances).", labelNames: ['state'], registers });
    if (opts.poolMax !== undefined) new Gauge({ name: 'bot_database_pool_max', help: 'Connections this instance may open.', registers }).set(opts.poolMax);
    const took = new Gauge({ name: 'bot_scrape_database_seconds', help: 'Time the last scrape spent reading the database.', registers });
    // One read of the database per scrape, shared by the gauges that need it, done before they are written out.
    this.refresh = async () => {
      const started = process.hrtime.bigint();
      try {
        const [b, j, c, d] = await Promise.all([outboxBacklog(database, clock.now()), lastJobRuns(database), serverConnections(database), possibleDuplicates(database)]);
        backlog.reset();
        oldest.reset();
        for (const row of b) {
          backlog.set({ platform: row.platform }, row.backlog);
          oldest.set({ platform: row.platform }, row.oldestDueSeconds);
        }
        for (const run of j) jobs.set({ job: run.job }, run.finishedAt.getTime() / 1000);
        duplicates.reset();
        for (const row of d) duplicates.set({ platform: row.platform }, row.count);
        connections.reset();
        for (const row of c) connections.set({ state: row.state }, row.count);
        up.set(1);
      } catch {
        up.set(0);
      }
      took.set(Number(process.hrtime.bigint() - started) / 1e9);
    };
    collectDefaultMetrics({ register: this.registry, prefix: 'bot_process_' });
  }

  update(platform: string, outcome: string, seconds: number): void {
    this.updates.inc({ platform, outcome });
    this.handling.observe({ platform }, seconds);
  }

  send(platform: string, outcome: SendOutcome): void {
    if (outcome.ok) this.sent.inc({ platform });
    else if (outcome.kind === 'retry_after') this.limited.inc({ platform });
    else this.failed.inc({ platform, kind: outcome.kind });
  }

  /** Every series, read now, in the Prometheus text format. */
  async render(): Promise<string> {
    await this.refresh();
    return this.registry.metrics();
  }

  /** `/metrics` in the Prometheus text format. */
  module(): HttpModule {
    return {
      name: 'metrics',
      register: (app) => {
        app.get('/metrics', async (_req, reply) => reply.header('content-type', this.registry.contentType).send(await this.render()));
      },
    };
  }
}
