import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { reportAttachments, reports } from '../../../db/schema/index.js';
import { authorize } from '../../../features/access/authorize.js';
import type { FileFetcher } from '../../../roster/chatImport.js';
import { pageContext, type ConsoleDeps, type ConsoleSection } from '../../context.js';
import { sendMemberFile } from '../../memberFiles.js';
import { registerActions } from './actions.js';
import { registerCardEdit } from './cardEdit.js';
import { loadRecord, recordPage } from './page.js';
import { idParam, memberIdOf } from './respond.js';
import { registerTransfer } from './transfer.js';

export interface RecordOptions {
  /** Downloads a file a member sent, from the platform it was sent on (the bot's ports); without it, photos are not shown here. */
  files?: FileFetcher;
}

/**
 * A member's record (一档双卡, 三有三知 at a glance) at /console/members/:id: the registration card, editable by
 * those who manage the member; the tracking card as one timeline; and the staff actions as small forms, each
 * calling the domain function its chat command calls. The list of members is another section's.
 */
export function recordSection(opts: RecordOptions = {}): ConsoleSection {
  return {
    name: 'record',
    register(app, deps) {
      app.get('/members/:id', async (req, reply) => {
        const ctx = pageContext(req, reply, deps);
        const memberId = memberIdOf(req);
        if (memberId === undefined) return ctx.problem(404, 'console-not-found');
        // Seeing the record is audited like the chat's card export: a member out of scope is not there.
        if (!(await authorize(ctx.db, ctx.staff.personId, 'member.view', { kind: 'member', id: memberId }, ctx.now, { via: 'console' }))) return ctx.problem(404, 'console-not-found');
        const data = await loadRecord(ctx, memberId);
        return data ? recordPage(ctx, data) : ctx.problem(404, 'console-not-found');
      });
      photoRoute(app, deps, opts.files);
      registerCardEdit(app, deps);
      registerActions(app, deps);
      registerTransfer(app, deps);
    },
  };
}

/**
 * A page of a handwritten thought report. The bot keeps the platform's file reference, not the file: it is
 * fetched from that platform when this process can reach it; otherwise the page says where to look.
 */
function photoRoute(app: FastifyInstance, deps: ConsoleDeps, files: FileFetcher | undefined): void {
  app.get('/members/:id/photos/:photoId', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const memberId = memberIdOf(req);
    const photoId = idParam(req, 'photoId');
    if (memberId === undefined || photoId === undefined) return ctx.problem(404, 'console-not-found');
    if (!(await authorize(ctx.db, ctx.staff.personId, 'member.view', { kind: 'member', id: memberId }, ctx.now, { via: 'console', photo: photoId }))) return ctx.problem(404, 'console-not-found');
    const [photo] = await ctx.db.select({ platform: reportAttachments.platform, fileRef: reportAttachments.fileRef, mime: reportAttachments.mime })
      .from(reportAttachments).innerJoin(reports, eq(reports.id, reportAttachments.reportId))
      .where(and(eq(reportAttachments.id, photoId), eq(reports.memberId, memberId)));
    if (!photo) return ctx.problem(404, 'console-not-found');
    return sendMemberFile(ctx, reply, deps, files, photo, { photoId }, {
      title: ctx.t('console-record-photo-title'), unavailable: ctx.t('console-record-photo-unavailable', { platform: photo.platform }),
      backHref: `/console/members/${memberId}#timeline`, back: ctx.t('console-record-back'),
    });
  });
}
