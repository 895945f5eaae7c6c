import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { eq } from 'drizzle-orm';
import { createBot, type Bot } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { seedDemo, type DemoPerson } from '../../src/demo/index.js';
import type { WorkObserver } from '../../src/ops/metrics.js';
import { outboxMessages } from '../../src/db/schema/index.js';
import { createLogger } from '../../src/logger.js';
import type { Clock } from '../../src/bot/clock.js';
import type { Incoming, IncomingBody, OutgoingMessage } from '../../src/bot/types.js';
import { openTestDatabase } from './db.js';

/** A clock the test moves by hand; sleeping advances it, so rate-limit waits take no real time. */
export class TestClock implements Clock {
  constructor(public current: Date) {}
  now = () => new Date(this.current);
  sleep = async (ms: number) => {
    this.current = new Date(this.current.getTime() + ms);
  };
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Everything the logger wrote, to check that no name, text or place got into it. */
export class LogCapture extends Writable {
  lines: string[] = [];
  /** Also kept for the scan of all test logs that runs after the suite (tests/globalSetup.ts). */
  private readonly file = join(inject('logDir'), `${process.pid}-${Math.random().toString(36).slice(2)}.log`);
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.lines.push(chunk.toString());
    appendFileSync(this.file, chunk);
    done();
  }
  get text() {
    return this.lines.join('');
  }
}

export interface TestBot {
  database: Database;
  bot: Bot;
  clock: TestClock;
  config: Config;
  logs: LogCapture;
  demo: { people: DemoPerson[]; inviteCode: string; inviteFor: string };
  person(name: string): DemoPerson;
  close(): Promise<void>;
}

export async function startTestBot(opts: { at?: Date; env?: Record<string, string>; seed?: boolean; observe?: WorkObserver } = {}): Promise<TestBot> {
  const config = loadConfig({ LOG_LEVEL: 'debug', ...opts.env });
  const database = await openTestDatabase(opts.env?.PGLITE_THREAD ? { pgliteThread: config.PGLITE_THREAD } : {});
  const clock = new TestClock(opts.at ?? new Date('2026-11-10T06:00:00Z'));
  const logs = new LogCapture();
  const logger = createLogger('debug', logs);
  const bot = createBot({ database, clock, logger, config, ...(opts.observe ? { observe: opts.observe } : {}) });
  const demo = opts.seed === false ? { people: [], inviteCode: '', inviteFor: '' } : await database.db.transaction((tx) => seedDemo(tx, clock.now(), { inviteTtlDays: config.INVITE_CODE_TTL_DAYS, timezone: config.DEFAULT_TIMEZONE }));
  return {
    database, bot, clock, config, logs, demo,
    person(name) {
      const p = demo.people.find((x) => x.name === name);
      if (!p) throw new Error(`no demo person ${name}`);
      return p;
    },
    close: async () => {
      await bot.sender.stop();
      await database.close();
    },
  };
}

let counter = 0;
/** Sends as a terminal account; `userId` defaults to the chat. */
export function incoming(chatId: string, body: IncomingBody, over: Partial<Incoming> = {}): Incoming {
  return { platform: 'terminal', updateId: `t-${++counter}`, chatId, chatKind: 'private', userId: chatId, body, ...over };
}

export const say = (text: string): IncomingBody => ({ kind: 'text', text });
export const press = (payload: string): IncomingBody => ({ kind: 'button', payload });

/** What the outbox holds for a chat, oldest first. */
export async function queuedFor(database: Database, chatId: string): Promise<OutgoingMessage[]> {
  const rows = await database.db.select().from(outboxMessages).where(eq(outboxMessages.chatId, chatId)).orderBy(outboxMessages.id);
  return rows.map((r) => r.payload as OutgoingMessage);
}

export async function lastQueued(database: Database, chatId: string): Promise<OutgoingMessage> {
  const all = await queuedFor(database, chatId);
  return all[all.length - 1]!;
}

export function payloadsOf(m: OutgoingMessage): string[] {
  return (m.buttons ?? []).flat().map((b) => b.payload);
}
