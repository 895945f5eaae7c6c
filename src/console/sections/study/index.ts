import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { organisations } from '../../../db/schema/index.js';
import { addStudyItem, editStudyItem, retireStudyItem, studyItemFor, type SaveOutcome, type StudyItemInput, type Upload } from '../../../features/study/library.js';
import { studyFileOf } from '../../../features/study/files.js';
import { makeUpList, makeUpSheet } from '../../../features/study/makeUpList.js';
import { studyPlan } from '../../../features/study/plan.js';
import { itemReaders, memberStudies } from '../../../features/study/progress.js';
import { XLSX_MIME } from '../../../features/exports/index.js';
import { pageContext, type ConsoleDeps, type ConsoleSection, type PageContext } from '../../context.js';
import { html } from '../../html.js';
import { uploadName } from '../../uploads.js';
import { sendDownload } from '../download.js';
import { idParam, isManager, orgsInScope, staffTimezone } from '../scopeOrgs.js';
import { chosenOrg, fieldOf, orgAsked, orgYearFilter, studyTabs, todayOf, yearOf } from './common.js';
import { itemBody, itemForm, memberBody } from './itemPages.js';
import { makeUpBody, planBody } from './planPage.js';

/**
 * 远程教育 学习资料库: the plan by month (an organisation's own items and those inherited from above), adding,
 * editing and retiring items with a file or a link, who has read what, and the 补课 list before the Spring
 * Festival. Every change goes through features/study, decided and audited as `study.manage`; the study schedule
 * pushes what is due.
 */
export const studySection: ConsoleSection = {
  name: 'study',
  nav: { key: 'console-study-nav', path: '/study', roles: ['secretary', 'org_admin'] },
  register(app, deps) {
    app.get('/study', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      if (!isManager(ctx.staff)) return ctx.problem(403, 'console-study-not-secretary');
      const { orgs, org } = await chosenOrg(ctx, orgAsked(req), 'plan');
      if (!org) return ctx.problem(404, 'staff-org-out-of-scope');
      const year = await yearOf(ctx, req);
      const plan = await studyPlan(ctx.db, ctx.staff.personId, org, year);
      return ctx.page(ctx.t('console-study-title'), html`${studyTabs(ctx, 'plan', org.id)}${orgYearFilter(ctx, '/study', orgs, org.id, year)}${planBody(ctx, org, year, plan)}`);
    });
    itemRoutes(app, deps);
    makeUpRoutes(app, deps);
  },
};

function inputOf(body: unknown): StudyItemInput {
  return {
    orgId: idParam(fieldOf(body, 'org')) ?? 0, category: fieldOf(body, 'category'), title: fieldOf(body, 'title'), body: fieldOf(body, 'body'),
    link: fieldOf(body, 'link'), publishOn: fieldOf(body, 'publishOn'), occupations: fieldOf(body, 'occupations'),
  };
}

function uploadOf(req: FastifyRequest): Upload {
  const file = (req.body as Record<string, unknown> | undefined)?.file;
  // A form sent without choosing a file carries an empty part: no file, not an empty one.
  return Buffer.isBuffer(file) && (file.length > 0 || uploadName(req, 'file') !== '') ? { name: uploadName(req, 'file'), data: file } : undefined;
}

/** After a save: to the item; out of scope looks like nothing there; a problem is said above the form as filled in. */
async function saved(ctx: PageContext, outcome: SaveOutcome, again: (problem: string) => Promise<FastifyReply>): Promise<FastifyReply> {
  if ('ok' in outcome) return ctx.redirect(`/study/item/${outcome.id}`, 'console-study-saved');
  if ('refused' in outcome) return ctx.problem(404, 'staff-org-out-of-scope');
  return again(ctx.t('console-study-problem', { problem: outcome.problem, megabytes: 'megabytes' in outcome ? outcome.megabytes ?? 0 : 0 }));
}

function itemRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/study/new', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    if (!isManager(ctx.staff)) return ctx.problem(403, 'console-study-not-secretary');
    const { orgs, org } = await chosenOrg(ctx, orgAsked(req), 'new');
    if (!org) return ctx.problem(404, 'staff-org-out-of-scope');
    const blank: StudyItemInput = { orgId: org.id, category: 'policy_law', title: '', body: '', link: '', publishOn: await todayOf(ctx), occupations: '' };
    return ctx.page(ctx.t('console-study-new-title'), html`${studyTabs(ctx, 'new', org.id)}${itemForm(ctx, '/study', orgs, blank)}`);
  });
  app.post('/study', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const input = inputOf(req.body);
    const outcome = await addStudyItem(ctx.db, ctx.staff.personId, input, uploadOf(req), ctx.now);
    return saved(ctx, outcome, async (problem) => ctx.page(ctx.t('console-study-new-title'),
      html`${studyTabs(ctx, 'new', input.orgId)}${itemForm(ctx, '/study', await orgsInScope(ctx.db, ctx.staff.personId), input, problem)}`, 400));
  });
  app.get('/study/item/:id', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const item = await itemOf(ctx, req);
    if (!item) return ctx.problem(404, 'console-not-found');
    // Narrowed to one of the person's organisations when chosen (a county's item reaches too many to list).
    const orgs = await orgsInScope(ctx.db, ctx.staff.personId);
    const within = orgs.find((o) => o.id === idParam(orgAsked(req)));
    const orgPath = within ? (await ctx.db.select({ path: organisations.path }).from(organisations).where(eq(organisations.id, within.id)))[0]?.path : undefined;
    const readers = await itemReaders(ctx.db, ctx.staff.personId, item.id, orgPath ? { orgPath } : {});
    const body = itemBody(ctx, item, readers, await staffTimezone(ctx.db, ctx.staff.personId), { orgs, orgId: within?.id });
    return ctx.page(ctx.t('console-study-item-title', { title: item.title }), html`${studyTabs(ctx, undefined, undefined)}${body}`);
  });
  app.get('/study/item/:id/edit', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const item = await itemOf(ctx, req);
    if (!item?.mayEdit) return ctx.problem(404, 'console-not-found');
    const v: StudyItemInput = { orgId: item.orgId, category: item.category, title: item.title, body: item.body ?? '', link: item.link ?? '', publishOn: item.publishOn, occupations: item.targetOccupations.join('、') };
    return ctx.page(ctx.t('console-study-edit-title', { title: item.title }), itemForm(ctx, `/study/item/${item.id}`, await orgsInScope(ctx.db, ctx.staff.personId), v, undefined, item.fileName));
  });
  app.post('/study/item/:id', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const id = idParam((req.params as { id?: string }).id);
    if (id === undefined) return ctx.problem(404, 'console-not-found');
    const input = inputOf(req.body);
    const outcome = await editStudyItem(ctx.db, ctx.staff.personId, id, input, uploadOf(req), ctx.now);
    return saved(ctx, outcome, async (problem) => ctx.page(ctx.t('console-study-edit-title', { title: input.title }),
      itemForm(ctx, `/study/item/${id}`, await orgsInScope(ctx.db, ctx.staff.personId), input, problem), 400));
  });
  app.post('/study/item/:id/retire', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const id = idParam((req.params as { id?: string }).id);
    const done = id === undefined ? undefined : await retireStudyItem(ctx.db, ctx.staff.personId, id, ctx.now);
    if (!done || 'refused' in done) return ctx.problem(404, 'console-not-found');
    return ctx.redirect(`/study/item/${id}`, 'console-study-retired-notice');
  });
  app.get('/study/item/:id/file', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const item = await itemOf(ctx, req, { file: true });
    const file = item && (await studyFileOf(ctx.db, item.id));
    if (!file) return ctx.problem(404, 'console-not-found');
    return sendDownload(reply, file, `study-${item.id}${/\.[a-z0-9]+$/i.exec(file.fileName)?.[0] ?? ''}`);
  });
  app.get('/study/member/:id', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const id = idParam((req.params as { id?: string }).id);
    if (!isManager(ctx.staff)) return ctx.problem(403, 'console-study-not-secretary');
    const found = id === undefined ? undefined : await memberStudies(ctx.db, ctx.staff.personId, id, await todayOf(ctx), ctx.now);
    if (!found) return ctx.problem(404, 'console-not-found');
    return ctx.page(ctx.t('console-study-member-title', { name: found.name }), html`${studyTabs(ctx, undefined, undefined)}${memberBody(ctx, found.items, await staffTimezone(ctx.db, ctx.staff.personId))}`);
  });
}

async function itemOf(ctx: PageContext, req: FastifyRequest, details: Record<string, unknown> = {}) {
  const id = idParam((req.params as { id?: string }).id);
  if (id === undefined || !isManager(ctx.staff)) return undefined;
  return studyItemFor(ctx.db, ctx.staff.personId, id, ctx.now, { via: 'console', ...details });
}

/** A county's make-up list can run to thousands: the page shows this many, the .xlsx all. */
const MAKE_UP_SHOWN = 1000;

function makeUpRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const festival = () => deps.config.SPRING_FESTIVAL_DATE ?? '2027-02-06';
  app.get('/study/makeup', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    if (!isManager(ctx.staff)) return ctx.problem(403, 'console-study-not-secretary');
    const { orgs, org } = await chosenOrg(ctx, orgAsked(req), 'makeup');
    if (!org) return ctx.problem(404, 'staff-org-out-of-scope');
    const list = await makeUpList(ctx.db, ctx.staff.personId, org, festival(), await todayOf(ctx), { limit: MAKE_UP_SHOWN });
    return ctx.page(ctx.t('console-study-makeup-title'), html`${studyTabs(ctx, 'makeup', org.id)}${orgYearFilter(ctx, '/study/makeup', orgs, org.id)}${makeUpBody(ctx, org, festival(), list)}`);
  });
  app.get('/study/makeup/:file', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const id = idParam(/^(\d+)\.xlsx$/.exec((req.params as { file?: string }).file ?? '')?.[1]);
    if (id === undefined || !isManager(ctx.staff)) return ctx.problem(404, 'console-not-found');
    const { org } = await chosenOrg(ctx, String(id), 'makeup-export');
    if (!org) return ctx.problem(404, 'console-not-found');
    const list = await makeUpList(ctx.db, ctx.staff.personId, org, festival(), await todayOf(ctx));
    const data = await makeUpSheet(list.branches, org.name, festival());
    return sendDownload(reply, { fileName: `补课名单-${org.name.replace(/[\s\\/:*?"<>|;,=]+/g, '_')}-${festival()}.xlsx`, mime: XLSX_MIME, data }, 'make-up-list.xlsx');
  });
}
