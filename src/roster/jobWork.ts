import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client.js';
import { organisations, rosterImports, staffRoles } from '../db/schema/index.js';
import { authorize, managedOrgs } from '../features/access/authorize.js';
import { button, type ReplyButton } from '../bot/flow.js';
import { t, type Language } from '../bot/i18n/index.js';
import type { OutgoingMessage, Platform } from '../bot/types.js';
import { auditImport } from './audit.js';
import { applyRoster, previewRoster, readRoster, type ImportResult, type Progress } from './importer.js';
import { jobLanguage, progressMessage, tellImporter, textWithButtons, type RosterJob } from './jobMessages.js';
import { LIMITS, RosterFileRefused } from './limits.js';
import type { ImportScope } from './plan.js';
import { describeApplied, describePreview, describeRefusal, MAX_LINES } from './report.js';
import { annotatedCopy, REPORT_MIME, reportFileName } from './reportFile.js';
import type { RosterSheet } from './header.js';
import { detailOf, isConsoleJob, keepDetail } from './jobDetail.js';

/** Downloading a platform file is the adapter's job; the import asks through this. */
export interface FileFetcher {
  fetch(platform: Platform, fileRef: string): Promise<{ data: Buffer; name?: string; mime?: string }>;
}

export interface JobDeps {
  database: Database;
  files?: FileFetcher | undefined;
  now: () => Date;
  /** Keeps the job's lease while it works; called between chunks. */
  renew: (db: DbOrTx) => Promise<void>;
  /** The sheet read for the preview, kept by the runner so the apply need not read the file again. */
  sheets?: Map<number, RosterSheet>;
  /** Members first: resolves when no update is being handled (bounded). */
  quiet?: (() => Promise<void>) | undefined;
}

/** Sheets shorter than this get no progress messages: the preview follows within seconds. */
const PROGRESS_FROM_ROWS = 2_000;

/** What the importer may touch: the organisations they run; rows go only where `authorize` agrees. */
async function scopeOf(db: DbOrTx, job: RosterJob, now: Date): Promise<ImportScope> {
  const managed = await managedOrgs(db, job.actorId);
  const [target] = job.orgId === null ? [] : await db.select().from(organisations).where(eq(organisations.id, job.orgId));
  const ownBranches = new Set((await db.select({ orgId: staffRoles.orgId }).from(staffRoles)
    .where(and(eq(staffRoles.personId, job.actorId), eq(staffRoles.role, 'secretary')))).map((r) => r.orgId));
  return {
    actorId: job.actorId, scopePaths: managed.map((o) => o.path), now,
    target: target ? { id: target.id, name: target.name, path: target.path } : null,
    canUseOrg: (handle, orgId) => authorize(handle, job.actorId, 'roster.import', { kind: 'org', id: orgId }, now),
    canSeeIdNumbers: (homeOrgId) => ownBranches.has(homeOrgId),
  };
}

/** The file, downloaded once and kept with the job until it is done (a restart does not download it again). */
async function fileOf(db: DbOrTx, job: RosterJob, files: FileFetcher | undefined): Promise<{ data: Buffer; name: string | undefined }> {
  if (job.file) return { data: job.file, name: job.fileName ?? job.mime ?? undefined };
  if (!files || job.platform === null) throw new FileUnavailable();
  let fetched;
  try {
    fetched = await files.fetch(job.platform as Platform, job.fileRef);
  } catch {
    throw new FileUnavailable();
  }
  if (fetched.data.length > LIMITS.fileBytes) throw new RosterFileRefused('too-large', { limit: LIMITS.fileBytes });
  const name = fetched.name ?? job.fileName ?? undefined;
  await db.update(rosterImports).set({ file: fetched.data, fileName: name ?? null, mime: fetched.mime ?? job.mime }).where(eq(rosterImports.id, job.id));
  return { data: fetched.data, name: name ?? fetched.mime ?? job.mime ?? undefined };
}

export class FileUnavailable extends Error {
  constructor() {
    super('roster file could not be downloaded');
    this.name = 'FileUnavailable';
  }
}

function progressTo(deps: JobDeps, job: RosterJob, phase: 'preview' | 'apply', lang: Language, rows: number): Progress {
  let lastQuarter = 0;
  return async (done, total) => {
    const quarter = Math.floor((done / Math.max(1, total)) * 4);
    await deps.quiet?.();
    await deps.renew(deps.database.db);
    // A console page shows how far the check is (the apply's progress is its rows_done already).
    if (phase === 'preview' && isConsoleJob(job)) await deps.database.db.update(rosterImports).set({ rowsDone: done, rowsTotal: total }).where(eq(rosterImports.id, job.id));
    if (rows < PROGRESS_FROM_ROWS || quarter <= lastQuarter || quarter >= 4) return;
    lastQuarter = quarter;
    const percent = quarter * 25;
    const { step, message } = progressMessage(job, phase, percent, t(lang, 'roster-progress', { phase, percent }), lang);
    await tellImporter(deps.database.db, job, step, message, deps.now());
  };
}

/** The rows not taken, as a short fingerprint: the apply sends the marked copy again only if they changed. */
function problemRows(r: ImportResult): string {
  const rows = r.outcomes.filter((o) => o.kind === 'error' || o.kind === 'conflict').map((o) => o.row).join(',');
  return createHash('sha1').update(rows).digest('hex');
}

/**
 * The annotated copy, when some rows were not taken (after the apply, only when they are not the same rows as
 * in the preview). Built before the transaction that keeps it: building it takes a second for 10,000 rows.
 */
async function reportFor(job: RosterJob, phase: 'preview' | 'apply', sheet: RosterSheet, r: ImportResult, lang: Language): Promise<Buffer | undefined> {
  if (r.summary.errors + r.summary.conflicts === 0) return undefined;
  if (phase === 'apply' && job.preview?.problemRows === problemRows(r)) return undefined;
  return annotatedCopy(sheet, r, lang);
}

function reportMessage(job: RosterJob, lang: Language, file: Buffer): OutgoingMessage {
  return { text: t(lang, 'roster-report-caption'), language: lang, document: { fileName: reportFileName(job.fileName), mime: REPORT_MIME, base64: file.toString('base64') } };
}

async function loadSheet(deps: JobDeps, job: RosterJob): Promise<RosterSheet> {
  const kept = deps.sheets?.get(job.id);
  if (kept) return kept;
  const file = await fileOf(deps.database.db, job, deps.files);
  if (file.name) job.fileName = file.name;
  const sheet = await readRoster(file.data, file.name);
  if (job.orgId === null && !sheet.columns.includes('branch')) throw new RosterFileRefused('no-branch-column');
  deps.sheets?.clear();
  deps.sheets?.set(job.id, sheet);
  return sheet;
}

/** Reads the file and shows what the import would do, with the buttons to go on; nothing is written. */
export async function previewJob(deps: JobDeps, job: RosterJob): Promise<void> {
  const db = deps.database.db;
  const lang = await jobLanguage(db, job);
  const sheet = await loadSheet(deps, job);
  const scope = await scopeOf(db, job, deps.now());
  const result = await previewRoster(db, sheet, scope, progressTo(deps, job, 'preview', lang, sheet.rows.length));
  const ctx = { lang, sheet, maxLines: MAX_LINES, ...(scope.target ? { branchName: scope.target.name } : {}) };
  const writes = result.summary.created + result.summary.updated;
  const buttons: ReplyButton[][] = writes > 0 ? [[button('roster-button-apply', `roster:apply:${job.id}`), button('roster-button-cancel', `roster:cancel:${job.id}`)]] : [];
  const report = await reportFor(job, 'preview', sheet, result, lang);
  await db.transaction(async (tx) => {
    if (isConsoleJob(job)) await keepDetail(tx, job, detailOf(sheet, result, 'preview', scope.target?.name), report ?? null);
    // The marked copy first, so the preview with its buttons is the last thing in the chat.
    if (report) await tellImporter(tx, job, 'report:preview', reportMessage(job, lang, report), deps.now());
    await tellImporter(tx, job, 'preview', textWithButtons(lang, describePreview(ctx, result, 'chat'), buttons), deps.now());
    await auditImport(tx, job.actorId, 'roster.import.preview', result, deps.now(), { kind: 'roster_import', id: job.id });
    await tx.update(rosterImports).set({
      state: writes > 0 ? 'previewed' : 'done', preview: { ...result.summary, problemRows: problemRows(result) }, rowsTotal: sheet.rows.length,
      rowsDone: 0, leaseOwner: null, leaseUntil: null, attempts: 0, updatedAt: deps.now(), ...(writes > 0 ? {} : { file: null }),
    }).where(eq(rosterImports.id, job.id));
  });
}

/** Writes the confirmed import chunk by chunk; a restart carries on after the last chunk written. */
export async function applyJob(deps: JobDeps, job: RosterJob): Promise<void> {
  const db = deps.database.db;
  const lang = await jobLanguage(db, job);
  const sheet = await loadSheet(deps, job);
  const scope = await scopeOf(db, job, deps.now());
  const earlier = (job.result ?? {}) as Partial<Record<'created' | 'updated', number>>;
  const result = await applyRoster(db, sheet, scope, {
    fromRow: job.rowsDone,
    progress: progressTo(deps, job, 'apply', lang, sheet.rows.length),
    afterChunk: async (tx, rowsDone, chunk) => {
      await auditImport(tx, job.actorId, 'roster.import.apply', chunk, deps.now(), { kind: 'roster_import', id: job.id });
      await tx.update(rosterImports).set({
        rowsDone, updatedAt: deps.now(),
        result: sql`jsonb_build_object('created', coalesce((${rosterImports.result}->>'created')::int, 0) + ${chunk.summary.created}, 'updated', coalesce((${rosterImports.result}->>'updated')::int, 0) + ${chunk.summary.updated})`,
      }).where(eq(rosterImports.id, job.id));
    },
  });
  // Rows written before a restart show as unchanged now: count them as what they were.
  result.summary.created += earlier.created ?? 0;
  result.summary.unchanged -= (earlier.created ?? 0) + (earlier.updated ?? 0);
  result.summary.updated += earlier.updated ?? 0;
  const ctx = { lang, sheet, maxLines: MAX_LINES, ...(scope.target ? { branchName: scope.target.name } : {}) };
  const report = await reportFor(job, 'apply', sheet, result, lang);
  await db.transaction(async (tx) => {
    // The preview's marked copy stays when the same rows were refused; none is left when none were.
    if (isConsoleJob(job)) await keepDetail(tx, job, detailOf(sheet, result, 'apply', scope.target?.name), report ?? (result.summary.errors + result.summary.conflicts === 0 ? null : undefined));
    if (report) await tellImporter(tx, job, 'report:apply', reportMessage(job, lang, report), deps.now());
    await tellImporter(tx, job, 'done', textWithButtons(lang, describeApplied(ctx, result)), deps.now());
    await tx.update(rosterImports).set({ state: 'done', file: null, leaseOwner: null, leaseUntil: null, updatedAt: deps.now() }).where(eq(rosterImports.id, job.id));
  });
}

/** The file cannot be imported at all: say why, in one sentence, and forget the file. */
export async function refuseJob(db: DbOrTx, job: RosterJob, reason: RosterFileRefused | FileUnavailable, now: Date): Promise<void> {
  const lang = await jobLanguage(db, job);
  const text = reason instanceof FileUnavailable ? t(lang, 'roster-file-unavailable') : describeRefusal(lang, reason);
  if (isConsoleJob(job)) await keepDetail(db, job, reason instanceof FileUnavailable ? { refused: 'unavailable', details: {} } : { refused: reason.reason, details: reason.details });
  await tellImporter(db, job, 'refused', textWithButtons(lang, text), now);
  await db.update(rosterImports).set({ state: 'refused', file: null, leaseOwner: null, leaseUntil: null, updatedAt: now }).where(eq(rosterImports.id, job.id));
}
