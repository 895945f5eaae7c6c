// npm run roster -- import <file.xlsx|file.csv> [--org <id>]
// npm run roster -- export [--org <id>] [--out <file.xlsx>]
import { readFileSync, writeFileSync } from 'node:fs';
import { eq, isNull } from 'drizzle-orm';
import { t } from '../bot/i18n/index.js';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { auditLog, organisations } from '../db/schema/index.js';
import { exportRoster } from './export.js';
import { importRoster } from './import.js';
import { describeImport } from './report.js';
import { formatOf } from './sheet.js';

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
      const format = formatOf(rest[0]);
      if (!format) { console.error(t('zh-CN', 'roster-unreadable')); return 2; }
      const report = await db.transaction((tx) => importRoster(tx, readFileSync(rest[0]!), format, { actorId: null, now, canUseOrg: async () => true }));
      await db.insert(auditLog).values({ actorId: null, action: 'roster.import', targetKind: 'cli', at: now, details: { created: report.created, updated: report.updated, refused: report.errors.length } });
      console.log(describeImport('zh-CN', report));
      return report.fatal || report.errors.length > 0 ? 1 : 0;
    }
    if (command === 'export') {
      const orgArg = option(rest, '--org');
      const [org] = orgArg
        ? await db.select().from(organisations).where(eq(organisations.id, Number(orgArg)))
        : await db.select().from(organisations).where(isNull(organisations.parentId)).orderBy(organisations.id).limit(1);
      if (!org) { console.error(t('zh-CN', 'roster-no-org')); return 2; }
      const out = option(rest, '--out') ?? `花名册-${org.id}.xlsx`;
      writeFileSync(out, await exportRoster(db, org.id));
      await db.insert(auditLog).values({ actorId: null, action: 'roster.export', targetKind: 'org', targetId: String(org.id), at: now });
      console.log(t('zh-CN', 'roster-exported', { file: out }));
      return 0;
    }
    console.error(t('zh-CN', 'roster-cli-usage'));
    return 2;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
