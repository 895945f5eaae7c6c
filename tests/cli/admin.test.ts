import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { auditLog, identities, organisations, persons, staffRoles } from '../../src/db/schema/index.js';
import { createBot } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import type { Database } from '../../src/db/client.js';
import { seedDemo } from '../../src/demo/index.js';
import { runAdmin } from '../../src/cli/adminCommands.js';
import { openTestDatabase } from '../support/db.js';
import { incoming, say, TestClock } from '../support/bot.js';
import { Browser } from '../support/console.js';
import { createHttpServer } from '../../src/http/server.js';
import { consoleModule } from '../../src/console/index.js';
import { consoleSections } from '../../src/console/sections/index.js';
import { consoleUrlOf } from '../../src/features/console/index.js';

/** `npm run admin -- …` end to end on a data folder of its own (PGlite), and on PostgreSQL when there is one. */
const dir = mkdtempSync(join(tmpdir(), 'bot-admin-'));
const cleanup: (() => unknown)[] = [() => rmSync(dir, { recursive: true, force: true })];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

class Text extends Writable {
  text = '';
  override _write(chunk: Buffer, _e: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

const clock = new TestClock(new Date('2026-11-30T19:00:00Z'));

async function admin(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new Text();
  const err = new Text();
  const code = await runAdmin(argv, { config: loadConfig({ LOG_LEVEL: 'warn', ...env }), clock, out, err });
  return { code, out: out.text, err: err.text };
}

async function withData<T>(dataDir: string, work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir });
  try {
    await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

const names = (dataDir: string) => withData(dataDir, async (d) => (await d.db.select({ name: persons.name }).from(persons).orderBy(asc(persons.id))).map((p) => p.name));
const audited = (dataDir: string) => withData(dataDir, async (d) => (await d.db.select().from(auditLog).orderBy(asc(auditLog.id))).map((a) => a.action));

describe('admin command line on the embedded database', () => {
  const dataDir = join(dir, 'data');
  const backupDir = join(dir, 'backups');
  const env = { DATA_DIR: dataDir, BACKUP_DIR: backupDir, BACKUP_KEEP: '2' };

  it('prints its help in Chinese and English', async () => {
    const help = await admin(env, '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('用法');
    expect(help.out).toContain('Usage');
    expect((await admin(env, 'nonsense')).code).toBe(2);
  });

  it('backs up, and a restore after a change brings back what was backed up', async () => {
    await withData(dataDir, (d) => d.db.transaction((tx) => seedDemo(tx, clock.now(), { inviteTtlDays: 14, timezone: 'Asia/Shanghai' })));
    const before = await names(dataDir);
    expect(before.length).toBeGreaterThan(3);

    const backup = await admin(env, 'backup');
    expect(backup.code).toBe(0);
    const [file] = readdirSync(backupDir);
    expect(file).toBe('liandang-20261130T190000Z.tar.gz');

    expect(await audited(dataDir)).toEqual(['admin.backup']);
    await withData(dataDir, (d) => d.db.execute(sql`update persons set name = name || '（改）'`));
    expect(await names(dataDir)).not.toEqual(before);

    clock.advance(60_000);
    const restored = await admin(env, 'restore', join(backupDir, file!));
    expect(restored.code).toBe(0);
    expect(await names(dataDir)).toEqual(before);
    expect(readdirSync(dataDir).some((n) => n.startsWith('pg.before-restore-'))).toBe(true);
    // The restored database is the one dumped (the backup's audit line came after the dump), and says it was restored.
    expect(await audited(dataDir)).toEqual(['admin.restore']);
  }, 180_000);

  it('refuses to restore into a folder a running bot holds', async () => {
    const [file] = readdirSync(backupDir);
    const holder: ChildProcess = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)']);
    cleanup.push(() => holder.kill('SIGKILL'));
    writeFileSync(join(dataDir, 'bot.lock'), String(holder.pid));
    const refused = await admin(env, 'restore', join(backupDir, file!));
    expect(refused.code).toBe(3);
    expect(refused.err).toContain('in use by another bot process');
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
  }, 60_000);

  it('lists the jobs with their last run, runs one now through the coordinator, keeps BACKUP_KEEP backups', async () => {
    clock.advance(60_000);
    const ran = await admin(env, 'jobs', 'run', 'backup');
    expect(ran).toMatchObject({ code: 0, out: '已运行 ran: backup\n' });
    clock.advance(60_000);
    expect((await admin(env, 'jobs', 'run', 'housekeeping')).code).toBe(0);
    expect(readdirSync(backupDir)).toHaveLength(2);
    const list = await admin(env, 'jobs', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^backup\s+每天 daily 19:00 UTC\s+2026-11-30T19:02:00\.000Z$/m);
    expect(list.out).toMatch(/^housekeeping\s+每小时 hourly\s+2026-11-30T19:03:00\.000Z$/m);
    expect(list.out).toMatch(/^member-prompts\s+每小时 hourly\s+—$/m);
    expect(await audited(dataDir)).toEqual(expect.arrayContaining(['admin.jobs.run', 'admin.jobs.list']));
    expect((await admin(env, 'jobs', 'run', 'no-such-job')).code).toBe(2);
  }, 180_000);
});

/**
 * `init` on an empty database, then the printed code links a chat account to the new administrator and the
 * printed link signs them in to the console. `look` opens the database between commands (PGlite: one handle
 * at a time on a folder).
 */
async function initAndLink(env: Record<string, string>, look: <T>(work: (d: Database) => Promise<T>) => Promise<T>): Promise<void> {
  const init = await admin(env, 'init', '--org', '某某县委组织部', '--admin', '王管理员');
  expect(init.code).toBe(0);
  const code = /邀请码 invite code: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(init.out)?.[1];
  expect(code).toBeDefined();
  const link = /console sign-in link \(valid 10 minutes, once, while the bot runs\):\n(\S+)\n/.exec(init.out)?.[1];
  expect(link, init.out).toMatch(new RegExp(`^${consoleUrlOf(loadConfig(env)).replace(/[.:/]/g, '\\$&')}/console/signin/[\\w-]{20,}$`));
  const { orgId, personId } = await look(async (database) => {
    const [org] = await database.db.select().from(organisations);
    expect(org).toMatchObject({ name: '某某县委组织部', kind: 'county', parentId: null, path: `/${org!.id}/` });
    const [role] = await database.db.select().from(staffRoles);
    expect(role).toMatchObject({ role: 'org_admin', orgId: org!.id });
    const bot = createBot({ database, clock, logger: createLogger('silent'), config: loadConfig({}) });
    expect(await bot.core.handle(incoming('admin-chat', say(code!)))).toEqual({ status: 'applied' });
    const [linked] = await database.db.select().from(identities).where(eq(identities.chatId, 'admin-chat'));
    expect(linked!.personId).toBe(role!.personId);
    expect(await consoleHome(database, env, new URL(link!).pathname)).toContain('王管理员');
    return { orgId: org!.id, personId: role!.personId };
  });

  const again = await admin(env, 'init', '--org', '另一个', '--admin', '某人');
  expect(again.code).toBe(1);
  expect((await admin(env, 'init', '--admin', '某人')).code).toBe(2);
  await look(async (database) => {
    expect(await database.db.select().from(organisations)).toHaveLength(1);
    const actions = (await database.db.select().from(auditLog).orderBy(asc(auditLog.id))).map((a) => [a.action, a.details]);
    expect(actions).toEqual([
      ['console.link', {}],
      ['admin.init', { via: 'admin-cli', orgId, personId }],
      ['console.signin', {}],
      ['admin.init', { via: 'admin-cli', refused: 'organisations exist' }],
    ]);
  });
}

/** Opens a sign-in link in the console as the bot serves it, presses the button: the home page it lands on. */
async function consoleHome(database: Database, env: Record<string, string>, path: string): Promise<string> {
  const logger = createLogger('silent');
  const server = await createHttpServer({
    host: '127.0.0.1', port: 0, logger,
    modules: [consoleModule({ database, clock, logger, config: loadConfig(env), sections: consoleSections() })],
  });
  try {
    const browser = new Browser(server);
    expect((await browser.submit(path, {})).statusCode).toBe(303);
    const home = await browser.get('/console/');
    expect(home.statusCode).toBe(200);
    return home.body;
  } finally {
    await server.close();
  }
}

describe('admin init', () => {
  it('creates the root organisation and its first administrator, whose printed code links a chat account and printed link signs in to the console (PGlite)', async () => {
    const dataDir = join(dir, 'init');
    await initAndLink({ DATA_DIR: dataDir }, (work) => withData(dataDir, work));
  }, 180_000);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('admin command line on PostgreSQL', () => {
  it('init creates the root organisation and its first administrator, whose code links a chat account and link (to CONSOLE_URL) signs in', async () => {
    const database = await openTestDatabase();
    cleanup.push(() => database.close());
    // A public address, as a county server behind its reverse proxy has: the printed link names it.
    await initAndLink({ DATABASE_URL: (database as { url?: string }).url!, DATA_DIR: join(dir, 'pg-init'), CONSOLE_URL: 'https://dangjian.example.gov.cn' }, (work) => work(database));
  }, 120_000);

  it('runs a job once across instances, and points backups to pg_dump', async () => {
    const database = await openTestDatabase();
    cleanup.push(() => database.close());
    const env = { DATABASE_URL: (database as { url?: string }).url!, DATA_DIR: join(dir, 'pg-unused') };
    expect((await admin(env, 'jobs', 'run', 'housekeeping')).code).toBe(0);
    // The same moment again: another instance (here, the same command) already ran it.
    expect((await admin(env, 'jobs', 'run', 'housekeeping')).code).toBe(1);
    expect((await admin(env, 'jobs', 'list')).out).not.toMatch(/^backup/m);
    const backup = await admin(env, 'backup');
    expect(backup.code).toBe(1);
    expect(backup.err).toContain('pg_dump');
    expect((await admin(env, 'restore', 'x.tar.gz')).err).toContain('pg_restore');
    expect(existsSync(join(dir, 'pg-unused', 'backups'))).toBe(false);
    const actions = (await database.db.select().from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(['admin.jobs.run', 'admin.jobs.run', 'admin.jobs.list', 'admin.backup']);
  }, 120_000);
});
