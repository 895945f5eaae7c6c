import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { healthModule } from '../../src/http/health.js';
import { BotMetrics } from '../../src/ops/metrics.js';
import { PlatformStatus, readinessChecks } from '../../src/ops/readiness.js';
import { JobCoordinator } from '../../src/schedules/index.js';
import { scheduledJobs } from '../../src/schedules/index.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import type { OutboundChat, OutgoingMessage, SendOutcome, Transport } from '../../src/bot/types.js';
import { createLogger } from '../../src/logger.js';
import { incoming, press, say, startTestBot, type TestBot } from '../support/bot.js';

/** A terminal that answers what the test tells it to: accepted, a 429, or a failure. */
class ScriptedTerminal implements Transport {
  readonly platform = 'terminal' as const;
  next: SendOutcome[] = [];
  async send(_chat: OutboundChat, _message: OutgoingMessage): Promise<SendOutcome> {
    return this.next.shift() ?? { ok: true, messageId: 'm' };
  }
}

describe('health, readiness and metrics over HTTP', () => {
  let h: TestBot;
  let metrics: BotMetrics;
  let server: HttpServer;
  let base: string;
  const platforms = new PlatformStatus();
  const terminal = new ScriptedTerminal();

  beforeAll(async () => {
    // The metrics need the database the bot uses; it is known only once the test bot has opened it.
    const observer = { update: (...a: Parameters<BotMetrics['update']>) => metrics.update(...a), send: (...a: Parameters<BotMetrics['send']>) => metrics.send(...a) };
    h = await startTestBot({ observe: observer });
    metrics = new BotMetrics({ database: h.database, clock: h.clock, instance: 'test-1', poolMax: 5 });
    h.bot.core.registerTransport(terminal);
    const checks = readinessChecks({ database: h.database, clock: h.clock, platforms, outboxMaxAgeSeconds: 60 });
    server = await createHttpServer({ host: '127.0.0.1', port: 0, logger: createLogger('silent'), modules: [healthModule(checks), metrics.module()] });
    base = `http://127.0.0.1:${await server.listen()}`;
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  it('/healthz answers while the process runs', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/metrics shows each series after a check-in, a 429, a failure and a job run', async () => {
    const chat = h.person('张建国').terminalUserId!;
    for (const body of [press('menu:checkIn'), say('还在原地'), press('ci:work:working'), say('2'), press('ci:study:yes')]) {
      expect(await h.bot.core.handle(incoming(chat, body))).toEqual({ status: 'applied' });
    }
    const port = h.bot.ports.get('terminal')!;
    terminal.next = [{ ok: false, kind: 'retry_after', seconds: 3, code: '429' }, { ok: false, kind: 'permanent', code: 'blocked' }];
    await port.send({ chatId: chat, chatKind: 'private' }, { text: 'x' });
    await port.send({ chatId: chat, chatKind: 'private' }, { text: 'x' });
    await port.send({ chatId: chat, chatKind: 'private' }, { text: 'x' });
    const housekeeping = scheduledJobs(h.config, h.bot.engine).find((j) => j.name === 'housekeeping')!;
    expect(await new JobCoordinator({ database: h.database, clock: h.clock, logger: createLogger('silent'), jobs: [housekeeping] }).fire(housekeeping)).toBe(true);

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('bot_updates_total{platform="terminal",outcome="applied"}')).toBe(5);
    expect(value('bot_update_handling_seconds_count{platform="terminal"}')).toBe(5);
    expect(value('bot_messages_sent_total{platform="terminal"}')).toBe(1);
    expect(value('bot_rate_limited_total{platform="terminal"}')).toBe(1);
    expect(value('bot_send_failures_total{platform="terminal",kind="permanent"}')).toBe(1);
    // The check-in's replies wait in the outbox (no sender runs here): the backlog counts them.
    expect(value('bot_outbox_backlog{platform="terminal"}')).toBeGreaterThanOrEqual(5);
    expect(value('bot_outbox_oldest_due_seconds{platform="terminal"}')).toBe(0);
    expect(value('bot_job_last_success_timestamp_seconds{job="housekeeping"}')).toBe(h.clock.now().getTime() / 1000);
    expect(value('bot_database_up')).toBe(1);
    expect(value('bot_database_pool_max')).toBe(5);
    expect(text).toContain('bot_instance_info{instance="test-1"');
    expect(text).toContain('# TYPE bot_database_connections gauge');
    if (h.database.kind === 'postgres') expect(text).toMatch(/^bot_database_connections\{state="\w+"\} [1-9]/m);
    // Ids only: nothing a member said.
    expect(text).not.toContain('还在原地');
  });

  it('/readyz is ready, then not when the outbox stops moving or a platform is away, and says which', async () => {
    await h.database.db.execute(sql`update outbox_messages set status = 'sent' where status in ('pending', 'sending')`);
    let res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect((await res.json()).checks.map((c: { name: string }) => c.name)).toEqual(['database', 'migrations', 'platforms', 'outbox']);

    await enqueue(h.database.db, [{ idempotencyKey: 'ready-test', platform: 'terminal', chatId: 'c1', purpose: 'reply', message: { text: 'x' }, notBefore: h.clock.now() }], h.clock.now());
    h.clock.advance(61_000);
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect((await res.json()).checks.find((c: { name: string }) => c.name === 'outbox')).toEqual({ name: 'outbox', ok: false, detail: 'terminal: oldest due 61 s ago' });
    await h.database.db.execute(sql`update outbox_messages set status = 'sent' where idempotency_key = 'ready-test'`);

    platforms.configured('telegram');
    platforms.disconnected('telegram', 'Bot API does not answer');
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect((await res.json()).checks.find((c: { name: string }) => c.name === 'platforms').detail).toBe('telegram: Bot API does not answer');
    platforms.connected('telegram');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('/readyz is not ready while migrations are missing', async () => {
    // The database as an older release left it: its newest migration is not the code's newest.
    await h.database.db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at - 1 where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect((await res.json()).checks.find((c: { name: string }) => c.name === 'migrations').detail).toMatch(/^missing migrations up to \d{4}_/);
    await h.database.db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at + 1 where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
