import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataDirInUseError, type Database } from '../db/client.js';
import { restoreDataDir } from '../db/pgliteFiles.js';
import { and, eq, isNotNull } from 'drizzle-orm';
import { jobRuns } from '../db/schema/index.js';
import { createLogger } from '../logger.js';
import { createBot } from '../app.js';
import { JobCoordinator, scheduledJobs } from '../schedules/index.js';
import type { Job } from '../schedules/coordinator.js';
import { backupDatabase, backupSettings, BackupNotHereError } from '../ops/backup.js';
import { embeddedDatabaseJobs } from '../ops/upkeep.js';
import { lastJobRuns } from '../ops/stats.js';
import { ADMIN_HELP } from './adminHelp.js';
import { audit, usage, withDatabase, type AdminIo } from './adminIo.js';
import { initialise, ROOT_KINDS } from './adminInit.js';
import { staff, STAFF_USAGE } from './adminStaff.js';
import { org, ORG_USAGE } from './adminOrg.js';
import { study, STUDY_USAGE } from './adminStudy.js';
import { settings, SETTINGS_USAGE } from './adminSettings.js';
import { importOrgTree, importStudyPlan, ORG_IMPORT_USAGE, STUDY_IMPORT_USAGE } from './adminImport.js';

import type { OrgKind } from '../db/schema/index.js';

const DEFAULT_ADMIN_NAME = '管理员';

export type { AdminIo } from './adminIo.js';

/** Exit codes: 0 done, 1 refused or failed, 2 wrong usage or settings, 3 the database is in use or unusable. */
export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' }, org: { type: 'string' }, admin: { type: 'string' }, kind: { type: 'string' }, publish: { type: 'string' }, link: { type: 'string' }, body: { type: 'string' }, occupations: { type: 'string' }, apply: { type: 'boolean' } } });
  } catch (err) {
    io.err.write(`${(err as Error).message}\n\n${ADMIN_HELP}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || !command) {
    io.out.write(ADMIN_HELP);
    return command || parsed.values.help ? 0 : 2;
  }
  try {
    switch (command) {
      case 'init': {
        // The administrator's name may come later (the people page): a county starts with one command.
        const { org, admin = DEFAULT_ADMIN_NAME, kind = 'county' } = parsed.values;
        if (!org?.trim() || !admin.trim() || !(ROOT_KINDS as readonly string[]).includes(kind)) return usage(io, `init --org <组织名称 name> [--admin <管理员姓名 name>] [--kind ${ROOT_KINDS.join('|')}]`);
        return await withDatabase(io, (db) => init(io, db, org.trim(), admin.trim(), kind as OrgKind));
      }
      case 'backup':
        return await backup(io);
      case 'restore':
        return rest[0] ? await restore(io, rest[0]) : usage(io, 'restore <文件 file>');
      case 'jobs':
        if (rest[0] === 'list') return await withDatabase(io, (db) => listJobs(io, db));
        if (rest[0] === 'run' && rest[1]) return await withDatabase(io, (db) => runJob(io, db, rest[1]!));
        return usage(io, 'jobs list | jobs run <任务名 name>');
      case 'staff':
        return rest.length ? await withDatabase(io, (db) => staff(io, db, rest)) : usage(io, STAFF_USAGE);
      case 'org':
        if (rest[0] === 'import') return rest.length === 2 ? await withDatabase(io, (db) => importOrgTree(io, db, rest[1]!, parsed.values.apply === true)) : usage(io, ORG_IMPORT_USAGE);
        return rest.length ? await withDatabase(io, (db) => org(io, db, rest)) : usage(io, ORG_USAGE);
      case 'study':
        if (rest[0] === 'import') return rest.length === 2 ? await withDatabase(io, (db) => importStudyPlan(io, db, rest[1]!, { apply: parsed.values.apply === true, org: parsed.values.org })) : usage(io, STUDY_IMPORT_USAGE);
        return rest.length ? await withDatabase(io, (db) => study(io, db, rest, parsed.values)) : usage(io, STUDY_USAGE);
      case 'settings':
        return rest.length ? await withDatabase(io, (db) => settings(io, db, rest)) : usage(io, SETTINGS_USAGE);
      default:
        return usage(io, `未知命令 unknown command: ${command}`);
    }
  } catch (err) {
    if (err instanceof DataDirInUseError) {
      io.err.write(`${err.message}\n`);
      return 3;
    }
    throw err;
  }
}

async function init(io: AdminIo, database: Database, org: string, admin: string, kind: OrgKind): Promise<number> {
  const done = await initialise(database, { org, admin, kind, timezone: io.config.DEFAULT_TIMEZONE, inviteTtlDays: io.config.INVITE_CODE_TTL_DAYS, console: io.config }, io.clock.now());
  if (done === 'already') {
    await audit(database, io, 'init', { refused: 'organisations exist' });
    io.err.write('已有组织，init 只能在空数据库上运行 organisations exist already: init runs on an empty database only\n');
    return 1;
  }
  // Ids only in the audit: the names are in the rows it points to.
  await audit(database, io, 'init', { orgId: done.orgId, personId: done.personId });
  io.out.write(
    `已创建 created: ${org} (id ${done.orgId}); 管理员 administrator: ${admin} (id ${done.personId})\n` +
      `邀请码 invite code: ${done.code} (有效至 valid until ${done.expiresAt.toISOString().slice(0, 10)})\n` +
      '请管理员在 Telegram、Slack 或终端里把邀请码发给机器人，绑定账号。 The administrator sends this code to the bot to link their chat account.\n' +
      `控制台登录链接（${io.config.CONSOLE_LINK_MINUTES} 分钟内有效，只能用一次，机器人运行时打开） console sign-in link (valid ${io.config.CONSOLE_LINK_MINUTES} minutes, once, while the bot runs):\n${done.signInUrl}\n` +
      '过期后在聊天里发送 /console（控制台）获取新链接。 Expired: send /console to the bot for a new one.\n',
  );
  return 0;
}

async function backup(io: AdminIo): Promise<number> {
  return withDatabase(io, async (database) => {
    try {
      const done = await backupDatabase(database, backupSettings(io.config), io.clock.now());
      await audit(database, io, 'backup', { file: done.file, bytes: done.bytes, removed: done.removed });
      io.out.write(`备份完成 backed up: ${done.file} (${done.bytes} bytes; ${done.removed} old removed)\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof BackupNotHereError)) throw err;
      await audit(database, io, 'backup', { refused: 'postgres' });
      io.err.write(`${err.message}\n`);
      return 1;
    }
  });
}

async function restore(io: AdminIo, file: string): Promise<number> {
  if (io.config.DATABASE_URL) {
    io.err.write('The database is PostgreSQL (DATABASE_URL): restore with pg_restore, see docs/deploy.md.\n');
    return 1;
  }
  const path = resolve(file);
  const dump = new Blob([readFileSync(path)]);
  const stamp = io.clock.now().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const keptAs = await restoreDataDir(io.config.DATA_DIR, dump, stamp);
  // The backup may be older than this code: bring it up to date, then say in its own log what happened.
  return withDatabase(io, async (database) => {
    await audit(database, io, 'restore', { file: path, keptAs: keptAs ?? null });
    io.out.write(`恢复完成 restored from ${path}${keptAs ? `; the previous database is kept in ${keptAs}` : ''}\n`);
    return 0;
  });
}

function jobsOf(io: AdminIo, database: Database): Job[] {
  const silent = createLogger('warn', io.err);
  const bot = createBot({ database, clock: io.clock, logger: silent, config: io.config });
  return [...scheduledJobs(io.config, bot.engine), ...embeddedDatabaseJobs(database, io.config)];
}

async function listJobs(io: AdminIo, database: Database): Promise<number> {
  const last = new Map((await lastJobRuns(database)).map((r) => [r.job, r.finishedAt]));
  for (const job of jobsOf(io, database)) {
    const when =
      job.every === 'hour' ? '每小时 hourly' : 'minutes' in job.every ? `每${job.every.minutes}分钟 every ${job.every.minutes} min` : `每天 daily ${String(job.every.dailyAtUtcHour).padStart(2, '0')}:00 UTC`;
    io.out.write(`${job.name.padEnd(16)} ${when.padEnd(26)} ${last.get(job.name)?.toISOString() ?? '—'}\n`);
  }
  await audit(database, io, 'jobs.list', {});
  return 0;
}

async function runJob(io: AdminIo, database: Database, name: string): Promise<number> {
  const job = jobsOf(io, database).find((j) => j.name === name);
  if (!job) return usage(io, `未知任务 unknown job: ${name}`);
  const coordinator = new JobCoordinator({ database, clock: io.clock, logger: createLogger('warn', io.err), jobs: [job] });
  const now = io.clock.now();
  const ran = await coordinator.fire(job, now, now);
  // The coordinator gives a failed run's fire time back (for a retry): finished means it worked.
  const finished = ran && (await database.db.select().from(jobRuns).where(and(eq(jobRuns.job, name), eq(jobRuns.fireAt, now), isNotNull(jobRuns.finishedAt)))).length === 1;
  await audit(database, io, 'jobs.run', { job: name, ran, finished });
  if (!ran) io.err.write(`${name}: 已由另一实例运行 already run by another instance\n`);
  else if (!finished) io.err.write(`${name}: 运行失败，见日志 failed, see the log\n`);
  else io.out.write(`已运行 ran: ${name}\n`);
  return finished ? 0 : 1;
}
