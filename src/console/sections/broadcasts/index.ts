import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, isAllowed, managedOrgs } from '../../../features/access/authorize.js';
import { checkedTarget } from '../../../features/broadcasts/audience.js';
import { attachableItems } from '../../../features/broadcasts/message.js';
import { createNotice, type NoticePacing } from '../../../features/broadcasts/notices.js';
import { failedRecipients, noticeProgress, noticesUnder } from '../../../features/broadcasts/progress.js';
import { cancelScheduledNotice } from '../../../features/broadcasts/scheduled.js';
import type { SettingDefaults } from '../../../features/settings/index.js';
import { renderReply } from '../../../bot/render.js';
import { pageContext, type ConsoleDeps, type ConsoleSection, type PageContext } from '../../context.js';
import { idParam, isManager, staffTimezone } from '../scopeOrgs.js';
import { composer, confirmation } from './composeView.js';
import { formValues, occupationsUnder, type FormValues } from './form.js';
import { liveState, liveView, type Live } from './live.js';
import { noticeList, noticePage, progressJson } from './listView.js';

const pacingOf = (deps: ConsoleDeps): NoticePacing => ({ defaults: deps.config as SettingDefaults, timezone: deps.config.DEFAULT_TIMEZONE ?? 'Asia/Shanghai' });

/** Pages for secretaries and admins only; anyone else is told so. */
function managerPage(req: FastifyRequest, reply: FastifyReply, deps: ConsoleDeps): PageContext | undefined {
  const ctx = pageContext(req, reply, deps);
  if (isManager(ctx.staff)) return ctx;
  void ctx.problem(403, 'staff-managers-only');
  return undefined;
}

async function composePage(ctx: PageContext, v: FormValues, l: Live, status = 200): Promise<FastifyReply> {
  const orgIds = l.orgId !== undefined ? [l.orgId] : [];
  const [occupations, items] = await Promise.all([l.orgId !== undefined ? occupationsUnder(ctx.db, l.orgId) : [], attachableItems(ctx.db, orgIds)]);
  return ctx.page(ctx.t('console-broadcasts-new'), composer(ctx, v, l, occupations, items), status);
}

/** Ready to confirm or send: a text, an audience of someone, and nothing refused. */
function refusalOf(ctx: PageContext, l: Live): Live | undefined {
  const problems = [...l.problems];
  if (!l.c.text) problems.push(ctx.t('console-broadcasts-text-missing'));
  if (l.counts.members === 0 && problems.length === 0) problems.push(ctx.t('broadcast-nobody'));
  return problems.length ? { ...l, problems } : undefined;
}

/**
 * 通知 (issue 15): compose a notice to an audience chosen by subtree, category, 正式/预备, occupation, place, overdue,
 * did-not-study, with people left out by name; see who it reaches and how it looks as the fields change; confirm;
 * send now or at a set time; then follow its delivery. The audience, the scope rule, the urgency rule and the
 * audit are features/broadcasts', the same the chat's /broadcast uses.
 */
export const broadcastsSection = broadcastsSectionWith({ queueInRequestUpTo: 5000 });

/**
 * `queueInRequestUpTo`: a notice to more members than this is not queued in the request that confirms it (about
 * 900 rows a second on a busy county server, bench/README.md): it is handed to the scheduled runner, due at once,
 * and its page follows it from 排队中 to 已发完.
 */
export function broadcastsSectionWith(opts: { queueInRequestUpTo: number }): ConsoleSection {
  return {
    name: 'broadcasts',
    nav: { key: 'console-broadcasts-nav', path: '/broadcasts', roles: ['secretary', 'org_admin'] },
    register(app, deps) {
      composerRoutes(app, deps);
      noticeRoutes(app, deps, opts.queueInRequestUpTo);
    },
  };
}

/** The list, the composer and its live part: reads only. */
function composerRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/broadcasts', async (req, reply) => {
    const ctx = managerPage(req, reply, deps);
    if (!ctx) return reply;
    const paths = (await managedOrgs(ctx.db, ctx.staff.personId)).map((o) => o.path);
    const [notices, timezone] = await Promise.all([noticesUnder(ctx.db, paths), staffTimezone(ctx.db, ctx.staff.personId)]);
    return ctx.page(ctx.t('console-broadcasts-title'), noticeList(ctx, notices, timezone));
  });
  app.get('/broadcasts/new', async (req, reply) => {
    const ctx = managerPage(req, reply, deps);
    if (!ctx) return reply;
    const v = formValues(req.query);
    return composePage(ctx, v, await liveState(ctx, v));
  });
  // The composer again with the fields posted: 预览 without script, and 返回修改 from the confirmation.
  app.post('/broadcasts/new', async (req, reply) => {
    const ctx = managerPage(req, reply, deps);
    if (!ctx) return reply;
    const v = formValues(req.body);
    return composePage(ctx, v, await liveState(ctx, v));
  });
  // The script's live preview: the same part of the page, for the fields as they are now. Reads only.
  app.get('/broadcasts/live', async (req, reply) => {
    const ctx = managerPage(req, reply, deps);
    if (!ctx) return reply;
    return reply.type('text/html; charset=utf-8').send(liveView(ctx, await liveState(ctx, formValues(req.query))).text);
  });
}

/** Confirm, send, one notice's page and progress, cancel. */
function noticeRoutes(app: FastifyInstance, deps: ConsoleDeps, queueInRequestUpTo: number): void {
  app.post('/broadcasts/confirm', async (req, reply) => {
    const ctx = managerPage(req, reply, deps);
    if (!ctx) return reply;
    const v = formValues(req.body);
    const l = await liveState(ctx, v);
    const refused = refusalOf(ctx, l);
    if (refused) return composePage(ctx, v, refused, 400);
    const org = l.orgs.find((o) => o.id === l.orgId)?.name ?? '';
    return ctx.page(ctx.t('console-broadcasts-confirm-title'), confirmation(ctx, v, l, org));
  });
  app.post('/broadcasts', async (req, reply) => sendNotice(req, reply, deps, queueInRequestUpTo));
  app.get('/broadcasts/:id', async (req, reply) => {
    const ctx = managerPage(req, reply, deps);
    if (!ctx) return reply;
    const n = await visibleNotice(ctx, (req.params as { id?: string }).id, true);
    if (!n) return ctx.problem(404, 'console-not-found');
    const timezone = await staffTimezone(ctx.db, ctx.staff.personId);
    return ctx.page(ctx.t('console-broadcasts-notice-title', { id: n.id }), noticePage(ctx, n, timezone, await failedRecipients(ctx.db, n.id)));
  });
  app.get('/broadcasts/:id/progress', async (req, reply) => {
    const ctx = managerPage(req, reply, deps);
    if (!ctx) return reply;
    const n = await visibleNotice(ctx, (req.params as { id?: string }).id, false);
    if (!n) return reply.code(404).send({ error: 'not-found' });
    const timezone = await staffTimezone(ctx.db, ctx.staff.personId);
    return reply.header('cache-control', 'no-store').send(progressJson(ctx, n, timezone, await failedRecipients(ctx.db, n.id)));
  });
  app.post('/broadcasts/:id/cancel', async (req, reply) => {
    const ctx = managerPage(req, reply, deps);
    if (!ctx) return reply;
    const n = await visibleNotice(ctx, (req.params as { id?: string }).id, false);
    if (!n || !(await authorize(ctx.db, ctx.staff.personId, 'broadcast.compose', { kind: 'org', id: n.orgId }, ctx.now, { via: 'console', cancel: n.id }))) return ctx.problem(404, 'console-not-found');
    const cancelled = await cancelScheduledNotice(ctx.db, n.id, ctx.now);
    return ctx.redirect(`/broadcasts/${n.id}`, cancelled ? 'console-broadcasts-cancelled' : 'console-broadcasts-too-late');
  });
}

/** A notice of an organisation the person manages; the page view is audited, the script's polling is not. */
async function visibleNotice(ctx: PageContext, param: string | undefined, audited: boolean) {
  const id = idParam(param);
  const n = id === undefined ? undefined : await noticeProgress(ctx.db, id);
  if (!n) return undefined;
  const target = { kind: 'org' as const, id: n.orgId };
  const ok = audited
    ? await authorize(ctx.db, ctx.staff.personId, 'broadcast.compose', target, ctx.now, { via: 'console', view: n.id })
    : await isAllowed(ctx.db, ctx.staff.personId, 'broadcast.compose', target);
  return ok ? n : undefined;
}

/** 确认发送: everything checked again (audited, as the chat's confirmation is), then queued now or kept for its time. */
async function sendNotice(req: FastifyRequest, reply: FastifyReply, deps: ConsoleDeps, queueInRequestUpTo: number): Promise<FastifyReply> {
  const ctx = managerPage(req, reply, deps);
  if (!ctx) return reply;
  const v = formValues(req.body);
  const l = await liveState(ctx, v);
  const refused = refusalOf(ctx, l);
  if (refused || l.orgId === undefined) {
    // A send refused before it reached the domain is still a decision on record (ids only).
    if (l.orgId !== undefined) await authorize(ctx.db, ctx.staff.personId, 'broadcast.compose', { kind: 'org', id: l.orgId }, ctx.now, { via: 'console', refused: true });
    return composePage(ctx, v, refused ?? l, 400);
  }
  const made = await deps.database.db.transaction(async (tx) => {
    const target = await checkedTarget(tx, ctx.staff.personId, { ...l.c.filter, orgId: l.orgId! }, ctx.now, { via: 'console' });
    if (!target.ok) return { refused: target.replies.map((r) => renderReply(ctx.language, r).text) };
    return { made: await createNotice(tx, ctx.staff.personId, target, l.c.text, { ...(l.item ? { item: l.item } : {}), ...(l.c.sendAt ? { sendAt: l.c.sendAt } : { defer: l.counts.members > queueInRequestUpTo }) }, ctx.now, pacingOf(deps)) };
  });
  if ('refused' in made) return composePage(ctx, v, { ...l, problems: made.refused ?? [] }, 400);
  const q = made.made.queued;
  const notice = q
    ? ctx.t('console-broadcasts-sent', { members: q.members, later: q.later, groups: q.groups, unreachable: q.missed.length })
    : ctx.t(l.c.sendAt ? 'console-broadcasts-scheduled' : 'console-broadcasts-deferred');
  return reply.code(303).redirect(`/console/broadcasts/${made.made.broadcastId}?notice=${encodeURIComponent(notice)}`);
}
