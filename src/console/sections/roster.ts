import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { importableBranches, cancelRosterImport, confirmRosterImport } from '../../roster/chatImport.js';
import { canStillImport, mayStillImport, ownUpload, recentUploads, startUploadedImport } from '../../roster/consoleImport.js';
import type { ImportDetail, RefusedDetail } from '../../roster/jobDetail.js';
import { RosterImportRunner } from '../../roster/jobs.js';
import type { RosterJob } from '../../roster/jobMessages.js';
import { REPORT_MIME, reportFileName } from '../../roster/reportFile.js';
import { pageContext, type ConsoleDeps, type ConsoleSection, type PageContext } from '../context.js';
import { html } from '../html.js';
import { sendDownload } from './download.js';
import { detailPage, progressPage, refusedPage, uploadPage, type RowsView } from './rosterPages.js';
import { idParam, isManager, localDateTime, staffTimezone } from './scopeOrgs.js';

/**
 * A file up to this size is checked (and, once confirmed, written) while its request waits: a few thousand rows,
 * a second or two. A larger one is left to the background runner, and its page shows how far it is.
 */
const INLINE_BYTES = 200 * 1024;
/** How often a page of a job still running reloads itself (seconds). */
const REFRESH_SECONDS = 3;
/** A county's branches fit the picker; the sheet's 所在支部 column covers any beyond. */
const MAX_BRANCHES = 500;

export interface RosterSectionOptions {
  inlineBytes?: number;
}

/**
 * 花名册导入: upload → the preview the chat computes (new / changed / conflicts / errors) → 确认导入 → the result,
 * and the marked copy to download. An upload is the same background job as a file sent in chat (src/roster/jobs.ts),
 * with no chat to tell: the apply writes what the job holds (its file, its branch, its uploader's scope), once.
 */
export function makeRosterSection(opts: RosterSectionOptions = {}): ConsoleSection {
  const inlineBytes = opts.inlineBytes ?? INLINE_BYTES;
  return {
    name: 'roster',
    nav: { key: 'console-roster-nav', path: '/roster', roles: ['secretary', 'org_admin'] },
    register(app, deps) {
      const runNow = (jobId: number) => new RosterImportRunner({ database: deps.database, clock: deps.clock, logger: deps.logger }).runNow(jobId);
      app.get('/roster', async (req, reply) => {
        const ctx = pageContext(req, reply, deps);
        if (!isManager(ctx.staff)) return ctx.problem(403, 'roster-not-secretary');
        const branches = (await importableBranches(ctx.db, ctx.staff.personId, MAX_BRANCHES)).map((b) => ({ ...b, depth: 0 }));
        const recent = await recentUploads(ctx.db, ctx.staff.personId);
        return ctx.page(ctx.t('console-roster-title'), uploadPage(ctx, branches, recent, await staffTimezone(ctx.db, ctx.staff.personId)));
      });
      app.post('/roster', async (req, reply) => upload(req, reply, deps, inlineBytes, runNow));
      jobRoutes(app, deps, inlineBytes, runNow);
    },
  };
}

export const rosterSection = makeRosterSection();

async function upload(req: FastifyRequest, reply: FastifyReply, deps: ConsoleDeps, inlineBytes: number, runNow: (id: number) => Promise<boolean>): Promise<FastifyReply> {
  const ctx = pageContext(req, reply, deps);
  const body = (req.body ?? {}) as { org?: unknown; file?: unknown };
  if (!Buffer.isBuffer(body.file)) return ctx.problem(400, 'console-roster-no-file');
  const orgId = body.org === 'column' ? null : idParam(body.org);
  if (orgId === undefined) return ctx.problem(404, 'staff-org-out-of-scope');
  const started = await startUploadedImport(ctx.db, ctx.staff.personId, orgId, body.file, ctx.now);
  if ('refused' in started) return ctx.problem(started.status, started.refused.key, started.refused.args);
  if (body.file.length <= inlineBytes) await runNow(started.jobId);
  return ctx.redirect(`/roster/${started.jobId}`);
}

/** The job's own pages and actions: only its uploader's, and only while they still run its branch. */
function jobRoutes(app: FastifyInstance, deps: ConsoleDeps, inlineBytes: number, runNow: (id: number) => Promise<boolean>): void {
  const jobOf = async (ctx: PageContext, req: FastifyRequest) => {
    const id = idParam((req.params as { id?: string }).id);
    if (id === undefined || !isManager(ctx.staff)) return undefined;
    return ownUpload(ctx.db, ctx.staff.personId, id);
  };
  app.get('/roster/:id', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const job = await jobOf(ctx, req);
    if (!job || !(await canStillImport(ctx.db, ctx.staff.personId, job))) return ctx.problem(404, 'console-not-found');
    return jobPage(ctx, reply, job, rowsView(req.query));
  });
  app.post('/roster/:id/apply', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const job = await jobOf(ctx, req);
    if (!job || !(await mayStillImport(ctx.db, ctx.staff.personId, job, ctx.now, 'apply'))) return ctx.problem(404, 'console-not-found');
    if (!(await confirmRosterImport(ctx.db, ctx.staff.personId, job.id, ctx.now))) return ctx.redirect(`/roster/${job.id}`, 'roster-job-gone');
    if ((job.file?.length ?? 0) <= inlineBytes) await runNow(job.id);
    return ctx.redirect(`/roster/${job.id}`);
  });
  app.post('/roster/:id/cancel', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const job = await jobOf(ctx, req);
    if (!job) return ctx.problem(404, 'console-not-found');
    if (!(await cancelRosterImport(ctx.db, ctx.staff.personId, job.id, ctx.now))) return ctx.redirect(`/roster/${job.id}`, 'roster-job-gone');
    return ctx.redirect('/roster', 'roster-cancelled');
  });
  app.get('/roster/:id/report.xlsx', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const job = await jobOf(ctx, req);
    if (!job?.report || !(await mayStillImport(ctx.db, ctx.staff.personId, job, ctx.now, 'report'))) return ctx.problem(404, 'console-not-found');
    return sendDownload(reply, { fileName: reportFileName(job.fileName), mime: REPORT_MIME, data: job.report }, 'roster-errors.xlsx');
  });
}

function rowsView(query: unknown): RowsView {
  const q = (query ?? {}) as { kind?: string; page?: string };
  const kind = (['new', 'update', 'conflict', 'error'] as const).find((k) => k === q.kind);
  return { ...(kind ? { kind } : {}), page: idParam(q.page) ?? 1 };
}

async function jobPage(ctx: PageContext, reply: FastifyReply, job: RosterJob, view: RowsView): Promise<FastifyReply> {
  const title = ctx.t('console-roster-job-title', { when: localDateTime(job.createdAt, await staffTimezone(ctx.db, ctx.staff.personId)) });
  const detail = job.detail as unknown as ImportDetail | RefusedDetail | null;
  switch (job.state) {
    case 'queued': case 'previewing': case 'confirmed': case 'applying': case 'choosing_branch':
      reply.header('refresh', String(REFRESH_SECONDS));
      return ctx.page(title, progressPage(ctx, job));
    case 'refused':
      return ctx.page(title, refusedPage(ctx, detail && 'refused' in detail ? detail : undefined));
    case 'cancelled': case 'failed':
      return ctx.page(title, html`<p class="problem">${ctx.t(job.state === 'cancelled' ? 'roster-cancelled' : 'roster-job-failed')}</p>
        <p><a href="/console/roster">${ctx.t('console-roster-again')}</a></p>`);
    default:
      if (!detail || 'refused' in detail) return ctx.problem(404, 'console-not-found');
      return ctx.page(title, detailPage(ctx, job, detail, view));
  }
}
