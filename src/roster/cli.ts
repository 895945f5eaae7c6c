// npm run roster -- import <file.xlsx|file.csv> [--branch <name|id>] [--apply] [--report <notes.xlsx>]
// npm run roster -- export [--org <id>] [--out <file.xlsx>]
// npm run roster -- cards <memberId> | stats [--org <id>] | invites [--org <id>]   (.xlsx, --out to name the file)
import { readFileSync, writeFileSync } from 'node:fs';
import { eq, isNull } from 'drizzle-orm';
import { t } from '../bot/i18n/index.js';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase, type Db } from '../db/client.js';
import { auditLog, members, organisations } from '../db/schema/index.js';
import { exportStatistics } from '../features/statistics/export.js';
import { exportMemberCards } from './cards.js';
import { importFromCommandLine } from './cliImport.js';
import { exportRoster } from './export.js';
import { exportBulkInvites } from './invites.js';

/** The command line answers the person at the terminal on stdout and stderr; this is output, not logging. */
const say = (text: string) => process.stdout.write(`${text}\n`);
const complain = (text: string) => process.stderr.write(`${text}\n`);

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function exportCommand(db: Db, command: string, rest: string[], now: Date, ttlDays: number): Promise<number> {
  const orgArg = option(rest, '--org');
  const [org] = orgArg
    ? await db.select().from(organisations).where(eq(organisations.id, Number(orgArg)))
    : await db.select().from(organisations).where(isNull(organisations.parentId)).orderBy(organisations.id).limit(1);
  if (!org) { complain(t('zh-CN', 'roster-no-org')); return 2; }
  const base = command === 'export' ? '花名册' : command === 'stats' ? '统计表' : '邀请码';
  const out = option(rest, '--out') ?? `${base}-${org.id}.xlsx`;
  // The command line is the administrator's: 身份证号 in full.
  const file = command === 'export' ? await exportRoster(db, org.id, { showIdNumber: () => true })
    : command === 'stats' ? await exportStatistics(db, org.id, now)
    : (await exportBulkInvites(db, org.path, null, now, ttlDays)).file;
  writeFileSync(out, file);
  await db.insert(auditLog).values({ actorId: null, action: `cli.${command}`, targetKind: 'org', targetId: String(org.id), at: now });
  say(t('zh-CN', 'roster-exported', { file: out }));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const database = await openDatabase({ ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : {}), dataDir: config.DATA_DIR });
  try {
    await migrateDatabase(database);
    const db = database.db;
    const now = new Date();
    if (command === 'import' && rest[0]) {
      return await importFromCommandLine(db, readFileSync(rest[0]), rest[0], {
        branch: option(rest, '--branch'), apply: rest.includes('--apply'), report: option(rest, '--report'), now,
      });
    }
    if (command === 'cards' && rest[0] && /^\d+$/.test(rest[0])) {
      const [member] = await db.select({ id: members.personId }).from(members).where(eq(members.personId, Number(rest[0])));
      if (!member) { complain(t('zh-CN', 'staff-member-not-found')); return 2; }
      const out = option(rest, '--out') ?? `一档双卡-${rest[0]}.xlsx`;
      writeFileSync(out, await exportMemberCards(db, Number(rest[0]), { showIdNumber: true }));
      await db.insert(auditLog).values({ actorId: null, action: 'member.card', targetKind: 'member', targetId: rest[0], at: now });
      say(t('zh-CN', 'roster-exported', { file: out }));
      return 0;
    }
    if (command === 'export' || command === 'stats' || command === 'invites') return await exportCommand(db, command, rest, now, config.INVITE_CODE_TTL_DAYS);
    complain(t('zh-CN', 'roster-cli-usage'));
    return 2;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
