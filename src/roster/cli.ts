// npm run roster -- import <file.xlsx|file.csv> [--branch <name|id>] [--apply] [--report <notes.xlsx>]
// npm run roster -- export [--org <id>] [--out <file.xlsx>]
// npm run roster -- cards <memberId> | stats [--org <id>] | invites [--org <id>]   (.xlsx, --out to name the file)
import { readFileSync, writeFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { t } from '../bot/i18n/index.js';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { auditLog, members } from '../db/schema/index.js';
import { exportMemberCards } from './cards.js';
import { exportFromCommandLine } from './cliExport.js';
import { importFromCommandLine } from './cliImport.js';

/** The command line answers the person at the terminal on stdout and stderr; this is output, not logging. */
const say = (text: string) => process.stdout.write(`${text}\n`);
const complain = (text: string) => process.stderr.write(`${text}\n`);

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
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
    if (command === 'export' || command === 'stats' || command === 'invites') {
      return await exportFromCommandLine(db, command, { org: option(rest, '--org'), file: option(rest, '--out'), now, inviteTtlDays: config.INVITE_CODE_TTL_DAYS, out: { say, complain } });
    }
    complain(t('zh-CN', 'roster-cli-usage'));
    return 2;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
