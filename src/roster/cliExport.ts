import { createWriteStream, renameSync, rmSync, writeFileSync } from 'node:fs';
import { eq, isNull } from 'drizzle-orm';
import { t } from '../bot/i18n/index.js';
import type { Db } from '../db/client.js';
import { auditLog, organisations } from '../db/schema/index.js';
import { exportStatistics } from '../features/statistics/export.js';
import { writeRoster } from './export.js';
import { exportBulkInvites } from './invites.js';

export interface CliExportOptions {
  /** --org: the organisation, by id; the top one when not given. */
  org?: string | undefined;
  /** --out: the file written; named after the export and the organisation when not given. */
  file?: string | undefined;
  now: Date;
  inviteTtlDays: number;
  out: { say(text: string): void; complain(text: string): void };
}

/**
 * The 花名册 of a subtree to `file`, as it is read (a county's million members: no limit here, unlike chat): one
 * moment's roster, read in one repeatable-read transaction across its pages, and written under a temporary name
 * first, so that an export cut short leaves no half a roster under the name asked for.
 */
async function rosterToFile(db: Db, orgId: number, file: string): Promise<void> {
  const part = `${file}.part`;
  try {
    await db.transaction(
      // The command line is the administrator's: 身份证号 in full.
      (tx) => writeRoster(tx, orgId, createWriteStream(part), { showIdNumber: () => true, inlineStrings: true }),
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    renameSync(part, file);
  } catch (err) {
    rmSync(part, { force: true });
    throw err;
  }
}

/** npm run roster -- export | stats | invites [--org <id>] [--out <file.xlsx>]: 0 when written, 2 without the organisation. */
export async function exportFromCommandLine(db: Db, command: 'export' | 'stats' | 'invites', opts: CliExportOptions): Promise<number> {
  const [org] = opts.org
    ? await db.select().from(organisations).where(eq(organisations.id, Number(opts.org)))
    : await db.select().from(organisations).where(isNull(organisations.parentId)).orderBy(organisations.id).limit(1);
  if (!org) { opts.out.complain(t('zh-CN', 'roster-no-org')); return 2; }
  const base = command === 'export' ? '花名册' : command === 'stats' ? '统计表' : '邀请码';
  const file = opts.file ?? `${base}-${org.id}.xlsx`;
  if (command === 'export') await rosterToFile(db, org.id, file);
  else writeFileSync(file, command === 'stats' ? await exportStatistics(db, org.id, opts.now) : (await exportBulkInvites(db, org.path, null, opts.now, opts.inviteTtlDays)).file);
  await db.insert(auditLog).values({ actorId: null, action: `cli.${command}`, targetKind: 'org', targetId: String(org.id), at: opts.now });
  opts.out.say(t('zh-CN', 'roster-exported', { file }));
  return 0;
}
