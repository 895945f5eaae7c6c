import type { FastifyReply } from 'fastify';
import { auditLog } from '../../db/schema/index.js';
import { managedOrgs } from '../../features/access/authorize.js';
import { treeRowLine, treeSummaryLine } from '../../features/organisations/describeImport.js';
import { applyTreeImport, planTreeImport, TREE_COLUMNS, TREE_REQUIRED, type TreeRow } from '../../features/organisations/treeImport.js';
import { readHeadedTable } from '../../roster/headedTable.js';
import { RosterFileRefused } from '../../roster/limits.js';
import { pageContext, type ConsoleDeps, type ConsoleSection, type PageContext } from '../context.js';
import { html } from '../html.js';
import { managersOnly } from './orgs.js';

/** An organisation tree is a few hundred rows at most; the preview carries the file back for the apply. */
const TREE_FILE_LIMIT = 256 * 1024;

/**
 * 导入组织树: an .xlsx or .csv of organisations (名称, 类型, 上级) under the organisations the person runs. The
 * upload shows what would be created, found or refused, writing nothing; the apply sends the same file again and
 * it is planned anew (the tree may have changed meanwhile), so what is written is never a stale plan.
 */
export const orgImportSection: ConsoleSection = {
  name: 'org-import',
  register(app, deps: ConsoleDeps) {
    app.addHook('preHandler', async (req, reply) => managersOnly(req, reply, deps));
    app.get('/orgs/import', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      return ctx.page(ctx.t('console-orgimport-title'), uploadForm(ctx));
    });
    app.post('/orgs/import', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const file = Buffer.isBuffer(body.file) ? body.file : typeof body.carried === 'string' ? Buffer.from(body.carried, 'base64') : undefined;
      if (!file || file.length === 0) return ctx.page(ctx.t('console-orgimport-title'), uploadForm(ctx, ctx.t('console-roster-no-file')), 400);
      if (file.length > TREE_FILE_LIMIT) return ctx.page(ctx.t('console-orgimport-title'), uploadForm(ctx, ctx.t('console-orgimport-too-large')), 400);
      return previewOrApply(ctx, file, body.apply === 'yes');
    });
  },
};

async function previewOrApply(ctx: PageContext, file: Buffer, apply: boolean): Promise<FastifyReply> {
  const rows = await readTree(ctx, file);
  if (typeof rows === 'string') {
    await audit(ctx, { refused: 'file' });
    return ctx.page(ctx.t('console-orgimport-title'), uploadForm(ctx, rows), 400);
  }
  const within = (await managedOrgs(ctx.db, ctx.staff.personId)).map((o) => o.path);
  const plan = await planTreeImport(ctx.db, rows, { within });
  const counts = { rows: plan.rows.length, create: plan.create, exists: plan.exists, problems: plan.problems };
  const lines = html`<ul class="import-lines">${plan.rows.map((p) => {
    const line = treeRowLine(p);
    return html`<li class="${p.outcome}">${ctx.t(line.key, line.args)}</li>`;
  })}</ul>`;
  const summary = treeSummaryLine(plan);
  if (apply && plan.problems === 0 && plan.create > 0) {
    const done = await applyTreeImport(ctx.db, plan, ctx.now);
    const created = 'created' in done ? done.created : [];
    await audit(ctx, { apply: true, ...counts, createdIds: created.map((c) => c.id) });
    return ctx.page(ctx.t('console-orgimport-title'), html`
      <p class="notice" role="status">${ctx.t('org-import-applied', { created: created.length })}</p>${lines}
      <p><a href="/console/orgs">${ctx.t('console-orgimport-back')}</a></p>`);
  }
  await audit(ctx, { apply: false, ...counts });
  const next = plan.problems > 0 ? html`<p class="problem">${ctx.t('console-orgimport-fix')}</p>${uploadForm(ctx)}`
    : plan.create === 0 ? html`<p class="muted">${ctx.t('console-orgimport-nothing')}</p>`
    : html`<form class="panel" method="post" action="/console/orgs/import" data-confirm="${ctx.t('console-orgimport-confirm', { create: plan.create })}">
        ${ctx.csrf}<input type="hidden" name="carried" value="${file.toString('base64')}"><input type="hidden" name="apply" value="yes">
        <button type="submit" class="primary">${ctx.t('console-orgimport-apply', { create: plan.create })}</button>
      </form>`;
  return ctx.page(ctx.t('console-orgimport-title'), html`<p>${ctx.t(summary.key, summary.args)}</p>${lines}${next}`, plan.problems > 0 ? 400 : 200);
}

async function readTree(ctx: PageContext, file: Buffer): Promise<TreeRow[] | string> {
  try {
    const table = await readHeadedTable(file, 'upload', TREE_COLUMNS, TREE_REQUIRED);
    if (table.ok) return table.rows;
    return ctx.t('table-missing-columns', { columns: table.missing.map((f) => TREE_COLUMNS[f][0]!).join('、'), example: '名称、类型、上级' });
  } catch (err) {
    if (!(err instanceof RosterFileRefused)) throw err;
    return ctx.t('table-file-refused', { reason: err.reason, ...err.details });
  }
}

function uploadForm(ctx: PageContext, problem?: string) {
  return html`${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
    <form class="panel" method="post" action="/console/orgs/import" enctype="multipart/form-data">
      ${ctx.csrf}
      <p class="muted">${ctx.t('console-orgimport-explain')}</p>
      <label for="tree-file">${ctx.t('console-orgimport-file')}</label>
      <input id="tree-file" type="file" name="file" accept=".xlsx,.csv" required>
      <p><button type="submit" class="primary">${ctx.t('console-orgimport-preview')}</button></p>
    </form>`;
}

async function audit(ctx: PageContext, details: Record<string, unknown>): Promise<void> {
  await ctx.db.insert(auditLog).values({ actorId: ctx.staff.personId, action: 'org.import', targetKind: 'person', targetId: String(ctx.staff.personId), at: ctx.now, details: { via: 'console', ...details } });
}
