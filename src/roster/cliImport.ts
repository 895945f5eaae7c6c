import { writeFileSync } from 'node:fs';
import { and, eq, isNull } from 'drizzle-orm';
import { t } from '../bot/i18n/index.js';
import type { Db } from '../db/client.js';
import { organisations } from '../db/schema/index.js';
import { auditImport } from './audit.js';
import { applyRoster, previewRoster, readRoster, type Progress } from './importer.js';
import { RosterFileRefused } from './limits.js';
import type { ImportScope } from './plan.js';
import { describeApplied, describePreview, describeRefusal } from './report.js';
import { annotatedCopy } from './reportFile.js';

export interface CliImportOptions {
  /** --branch: a one-branch roster's branch, by name or id. */
  branch?: string | undefined;
  apply: boolean;
  /** --report: where the annotated copy goes. */
  report?: string | undefined;
  now: Date;
  out?: { say(text: string): void; complain(text: string): void; progress?: NodeJS.WriteStream | undefined };
}

const BAR = 30;

/** A progress bar on a terminal; a line at each quarter when the output is a file or a pipe. */
export function progressBar(stream: NodeJS.WriteStream | undefined, label: string): Progress {
  let lastQuarter = -1;
  return (done, total) => {
    if (!stream) return;
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (stream.isTTY) {
      const filled = Math.round((percent / 100) * BAR);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${percent}% (${done}/${total})${done >= total ? '\n' : ''}`);
    } else if (Math.floor(percent / 25) > lastQuarter) {
      lastQuarter = Math.floor(percent / 25);
      stream.write(`${label} ${percent}% (${done}/${total})\n`);
    }
  };
}

async function branchByArg(db: Db, arg: string) {
  const rows = /^\d+$/.test(arg)
    ? await db.select().from(organisations).where(and(eq(organisations.id, Number(arg)), isNull(organisations.archivedAt)))
    : await db.select().from(organisations).where(and(eq(organisations.name, arg), isNull(organisations.archivedAt)));
  return rows.length === 1 ? rows[0] : undefined;
}

/**
 * `npm run roster -- import`: previews always; writes only with --apply; the annotated copy with --report.
 * The command line is the administrator's: any organisation, 身份证号 in full. Exit 0 all imported, 1 some rows
 * not, 2 nothing (a file or an argument refused).
 */
export async function importFromCommandLine(db: Db, buf: Buffer, fileName: string, opts: CliImportOptions): Promise<number> {
  const out = opts.out ?? { say: (s: string) => process.stdout.write(`${s}\n`), complain: (s: string) => process.stderr.write(`${s}\n`), progress: process.stderr };
  const lang = 'zh-CN';
  let sheet;
  try {
    sheet = await readRoster(buf, fileName);
  } catch (err) {
    if (!(err instanceof RosterFileRefused)) throw err;
    out.complain(describeRefusal(lang, err));
    return 2;
  }
  const branch = opts.branch ? await branchByArg(db, opts.branch) : undefined;
  if (opts.branch && !branch) { out.complain(t(lang, 'roster-no-org')); return 2; }
  if (!branch && !sheet.columns.includes('branch')) { out.complain(t(lang, 'roster-cli-need-branch')); return 2; }
  const scope: ImportScope = {
    actorId: null, scopePaths: branch ? [branch.path] : ['/'], target: branch ? { id: branch.id, name: branch.name, path: branch.path } : null,
    canUseOrg: async () => true, canSeeIdNumbers: () => true, now: opts.now,
  };
  const ctx = { lang, sheet, ...(branch ? { branchName: branch.name } : {}) } as const;
  const target = { kind: 'org', id: branch?.id ?? null };
  const preview = await previewRoster(db, sheet, scope, progressBar(out.progress, t(lang, 'roster-cli-progress', { phase: 'preview' })));
  await auditImport(db, null, 'roster.import.preview', preview, opts.now, target);
  out.say(describePreview(ctx, preview, opts.apply ? 'applying' : 'cli'));
  let final = preview;
  if (opts.apply && preview.summary.created + preview.summary.updated > 0) {
    final = await applyRoster(db, sheet, scope, { progress: progressBar(out.progress, t(lang, 'roster-cli-progress', { phase: 'apply' })) });
    await auditImport(db, null, 'roster.import.apply', final, opts.now, target);
    out.say(describeApplied(ctx, final));
  }
  if (opts.report) {
    writeFileSync(opts.report, await annotatedCopy(sheet, final, lang));
    out.say(t(lang, 'roster-report-written', { file: opts.report }));
  }
  return final.summary.errors + final.summary.conflicts > 0 ? 1 : 0;
}
