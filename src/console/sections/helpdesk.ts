import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { reply as chatReply, type Reply } from '../../bot/flow.js';
import { parseId } from '../../bot/ids.js';
import type { DbOrTx } from '../../db/client.js';
import { deskFile, deskRequest } from '../../features/helpdesk/detail.js';
import { helpQueue, parseQueueFilter } from '../../features/helpdesk/queue.js';
import { handOverRequest, noteRequest, resolveRequest, takeRequest } from '../../features/helpdesk/requests.js';
import { pageContext, type ConsoleDeps, type ConsoleSection, type PageContext } from '../context.js';
import { html } from '../html.js';
import { sendMemberFile } from '../memberFiles.js';
import type { FileFetcher } from '../../roster/chatImport.js';
import { queueFilters, queuePager, queueTable } from './helpdeskView.js';
import { requestPage } from './helpdeskRequest.js';
import { staffTimezone } from './record/page.js';
import { done, fieldOf, idParam, textOf } from './record/respond.js';

const VIA = { via: 'console' } as const;

/** A step on a request: the chat's own function (scope, audit, the member's and colleagues' messages), and the answers that mean it was done. */
interface RequestStep {
  name: string;
  run(tx: DbOrTx, ctx: PageContext, requestId: number, body: unknown): Promise<Reply[]>;
  success: string;
}

const STEPS: RequestStep[] = [
  { name: 'take', run: (tx, ctx, id) => takeRequest(tx, ctx.staff.personId, id, ctx.now, VIA), success: 'staff-help-taken' },
  {
    name: 'note',
    run: async (tx, ctx, id, body) => (fieldOf(body, 'note') ? noteRequest(tx, ctx.staff.personId, id, fieldOf(body, 'note'), ctx.now, VIA) : [chatReply('console-help-note-empty')]),
    success: 'staff-help-noted',
  },
  { name: 'resolve', run: (tx, ctx, id) => resolveRequest(tx, ctx.staff.personId, id, ctx.now, VIA), success: 'staff-help-resolved' },
  {
    name: 'handover',
    run: async (tx, ctx, id, body) => {
      const to = parseId(fieldOf(body, 'to'));
      return to ? handOverRequest(tx, ctx.staff.personId, id, to, ctx.now, VIA) : [chatReply('console-help-pick-person-first')];
    },
    success: 'staff-help-handed-over',
  },
];

/**
 * 求助台 (the help desk) at /console/help: the queue of the requests of everyone the person may see, filtered by
 * state, urgency and category; each request's page with take, note, hand over and resolve, and the photos and
 * documents the member attached (fetched from the platform they were sent on, through `files`). Every step is the
 * chat's /hr step, so the scope rule, the audit log (via: console) and what the member is told are the same.
 */
export function helpdeskSection(opts: { files?: FileFetcher } = {}): ConsoleSection {
  return {
    name: 'helpdesk',
    nav: { key: 'console-help-nav', path: '/help' },
    register(app, deps) {
      app.get('/help', async (req, reply) => {
        const ctx = pageContext(req, reply, deps);
        const filter = parseQueueFilter(req.query as Record<string, unknown>);
        const page = await helpQueue(ctx.db, ctx.staff.personId, filter);
        return ctx.page(ctx.t('console-help-title'), html`${queueFilters(ctx, filter)}${queueTable(ctx, page)}${queuePager(ctx, filter, page)}`);
      });
      app.get('/help/:id', async (req, reply) => showRequest(pageContext(req, reply, deps), req));
      app.get('/help/:id/files/:fileId', async (req, reply) => showFile(pageContext(req, reply, deps), req, reply, deps, opts.files));
      for (const step of STEPS) registerStep(app, deps, step);
    },
  };
}

/** A photo or document the member attached to the request: out of scope, or not this request's, it is not there. */
async function showFile(ctx: PageContext, req: FastifyRequest, reply: FastifyReply, deps: ConsoleDeps, files: FileFetcher | undefined): Promise<FastifyReply> {
  const id = idParam(req, 'id');
  const fileId = idParam(req, 'fileId');
  const file = id === undefined || fileId === undefined ? undefined : await deskFile(ctx.db, ctx.staff.personId, id, fileId, ctx.now, VIA);
  if (!file) return ctx.problem(404, 'console-not-found');
  return sendMemberFile(ctx, reply, deps, files, file, { requestId: id!, fileId: fileId! }, {
    title: ctx.t('console-help-file-title', { id: id! }), unavailable: ctx.t('console-help-file-unavailable', { platform: file.platform }),
    backHref: `/console/help/${id}`, back: ctx.t('console-help-file-back', { id: id! }),
  });
}

async function showRequest(ctx: PageContext, req: FastifyRequest, opts: { status?: number; problem?: string } = {}): Promise<FastifyReply> {
  const id = idParam(req, 'id');
  const d = id === undefined ? undefined : await deskRequest(ctx.db, ctx.staff.personId, id, ctx.now, VIA);
  if (!d) return ctx.problem(404, 'console-not-found');
  return requestPage(ctx, d, await staffTimezone(ctx.db, ctx.staff.personId), opts);
}

function registerStep(app: FastifyInstance, deps: ConsoleDeps, step: RequestStep): void {
  app.post(`/help/:id/${step.name}`, async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const id = idParam(req, 'id');
    if (id === undefined) return ctx.problem(404, 'console-not-found');
    const replies = await deps.database.db.transaction((tx) => step.run(tx, ctx, id, req.body));
    if (replies.some((r) => r.key === 'staff-help-not-found')) return ctx.problem(404, 'console-not-found');
    if (replies.length > 0 && replies.every((r) => r.key === step.success)) return done(reply, `/help/${id}`, textOf(ctx, replies));
    // Refused (already closed, nobody to hand to, an empty note): the request again, with the reason on top.
    const bad = replies.some((r) => ['staff-help-usage', 'console-help-pick-person-first', 'console-help-note-empty'].includes(r.key));
    return showRequest(ctx, req, { status: bad ? 400 : 409, problem: textOf(ctx, replies) });
  });
}
