import { ORG_KINDS } from '../../db/schema/index.js';
import { localDay } from '../../bot/period.js';
import { flatten, lineage, moveTargets, type ManagedTree, type OrgNode } from '../../features/organisations/view.js';
import { MAX_ORG_NAME } from '../../features/organisations/manage.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';

/** Indentation is a class per level (the CSP allows no style attributes); deeper trees stay at the last step. */
const MAX_DEPTH_CLASS = 8;
const kindName = (ctx: PageContext, kind: string) => ctx.t(`console-organisations-kind-${kind}`);
const count = (ctx: PageContext, key: string, n: number) => html`<span class="org-label">${ctx.t(key)}：</span>${n}`;

/** The manager's open tree with its member counts, and the closed organisations apart. */
export function treePage(ctx: PageContext, tree: ManagedTree, timezone: string): Html {
  const rows = flatten(tree.roots).map(({ node, depth }) => html`<tr>
    <td class="org-name depth-${Math.min(depth, MAX_DEPTH_CLASS)}"><a href="/console/orgs/${node.id}">${node.name}</a></td>
    <td>${kindName(ctx, node.kind)}</td>
    <td>${count(ctx, 'console-organisations-members', node.members)}</td>
    <td>${count(ctx, 'console-organisations-subtree-members', node.subtreeMembers)}</td>
    <td>${node.attached ? count(ctx, 'console-organisations-attached', node.attached) : ''}</td>
  </tr>`);
  return html`<p class="muted">${ctx.t('console-organisations-intro')}</p>
  <p><a href="/console/orgs/import">${ctx.t('console-orgimport-link')}</a></p>
  ${rows.length ? html`<table class="wide org-tree">
    <thead><tr><th>${ctx.t('console-organisations-name')}</th><th>${ctx.t('console-organisations-kind')}</th>
      <th>${ctx.t('console-organisations-members')}</th><th>${ctx.t('console-organisations-subtree-members')}</th><th>${ctx.t('console-organisations-attached')}</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>` : html`<p>${ctx.t('console-organisations-none')}</p>`}
  <h2>${ctx.t('console-organisations-archived-title')}</h2>
  ${tree.archived.length ? html`<table class="wide org-archived">
    <thead><tr><th>${ctx.t('console-organisations-name')}</th><th>${ctx.t('console-organisations-kind')}</th><th>${ctx.t('console-organisations-archived-on')}</th></tr></thead>
    <tbody>${tree.archived.map((o) => html`<tr><td><a href="/console/orgs/${o.id}">${o.name}</a></td><td>${kindName(ctx, o.kind)}</td><td>${localDay(o.archivedAt!, timezone)}</td></tr>`)}</tbody>
  </table>` : html`<p class="muted">${ctx.t('console-organisations-archived-none')}</p>`}`;
}

function facts(ctx: PageContext, node: OrgNode, timezone: string): Html {
  return html`<section class="card">
    <nav class="org-lineage">${lineage(node).map((o, i) => html`${i ? ' › ' : ''}${o === node ? html`<span aria-current="page">${o.name}</span>` : html`<a href="/console/orgs/${o.id}">${o.name}</a>`}`)}</nav>
    <dl class="org-facts">
      <dt>${ctx.t('console-organisations-kind')}</dt><dd>${kindName(ctx, node.kind)}</dd>
      <dt>${ctx.t('console-organisations-members')}</dt><dd>${node.members}</dd>
      ${node.archivedAt ? '' : html`<dt>${ctx.t('console-organisations-subtree-members')}</dt><dd>${node.subtreeMembers}</dd>`}
      ${node.attached || node.kind === 'inflow' ? html`<dt>${ctx.t('console-organisations-attached')}</dt><dd>${node.attached}</dd>` : ''}
    </dl>
    ${node.archivedAt ? html`<p class="problem">${ctx.t('console-organisations-archived-since', { date: localDay(node.archivedAt, timezone) })}</p>` : ''}
    ${node.children.length ? html`<h2>${ctx.t('console-organisations-children')}</h2>
      <ul>${node.children.map((c) => html`<li><a href="/console/orgs/${c.id}">${c.name}</a> · ${kindName(ctx, c.kind)} · ${ctx.t('console-organisations-count', { members: c.subtreeMembers })}</li>`)}</ul>` : ''}
  </section>`;
}

function createForm(ctx: PageContext, node: OrgNode): Html {
  return html`<form class="panel" method="post" action="/console/orgs/${node.id}/children">${ctx.csrf}
    <h2>${ctx.t('console-organisations-create-title')}</h2>
    <label for="child-name">${ctx.t('console-organisations-name')}</label>
    <input id="child-name" name="name" required maxlength="${MAX_ORG_NAME}">
    <label for="child-kind">${ctx.t('console-organisations-kind')}</label>
    <select id="child-kind" name="kind">${ORG_KINDS.map((k) => html`<option value="${k}"${k === 'branch' ? html` selected` : ''}>${kindName(ctx, k)}</option>`)}</select>
    <p><button type="submit" class="primary">${ctx.t('console-organisations-create')}</button></p>
  </form>`;
}

function renameForm(ctx: PageContext, node: OrgNode): Html {
  return html`<form class="panel" method="post" action="/console/orgs/${node.id}/rename">${ctx.csrf}
    <h2>${ctx.t('console-organisations-rename-title')}</h2>
    <label for="new-name">${ctx.t('console-organisations-new-name')}</label>
    <input id="new-name" name="name" required maxlength="${MAX_ORG_NAME}" value="${node.name}">
    <p><button type="submit">${ctx.t('console-organisations-rename')}</button></p>
  </form>`;
}

function moveForm(ctx: PageContext, tree: ManagedTree, node: OrgNode): Html {
  const targets = moveTargets(tree, node);
  const label = (o: OrgNode) => lineage(o).map((x) => x.name).join(' › ');
  return html`<form class="panel" method="post" action="/console/orgs/${node.id}/move">${ctx.csrf}
    <h2>${ctx.t('console-organisations-move-title')}</h2>
    ${targets.length ? html`<label for="parent">${ctx.t('console-organisations-new-parent')}</label>
      <select id="parent" name="parent">${targets.map((o) => html`<option value="${o.id}">${label(o)}</option>`)}</select>
      <p class="muted">${ctx.t('console-organisations-move-explain')}</p>
      <p><button type="submit">${ctx.t('console-organisations-move')}</button></p>`
    : html`<p class="muted">${ctx.t('console-organisations-no-targets')}</p>`}
  </form>`;
}

function archiveForm(ctx: PageContext, node: OrgNode): Html {
  return html`<form class="panel" method="post" action="/console/orgs/${node.id}/archive" data-confirm="${ctx.t('console-organisations-archive-confirm', { name: node.name })}">${ctx.csrf}
    <h2>${ctx.t('console-organisations-archive-title')}</h2>
    <p class="muted">${ctx.t('console-organisations-archive-explain')}</p>
    <p><button type="submit">${ctx.t('console-organisations-archive')}</button></p>
  </form>`;
}

/** One organisation: where it sits, its counts and children, and what the manager may do with it. */
export function orgPage(ctx: PageContext, tree: ManagedTree, node: OrgNode, timezone: string, problem?: string): Html {
  const forms = node.archivedAt ? html``
    : node.parent ? html`${createForm(ctx, node)}${renameForm(ctx, node)}${moveForm(ctx, tree, node)}${archiveForm(ctx, node)}`
    : html`${createForm(ctx, node)}${renameForm(ctx, node)}<p class="muted">${ctx.t('console-organisations-own-top')}</p>`;
  return html`${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
  ${facts(ctx, node, timezone)}
  <div class="org-forms">${forms}</div>
  <p><a href="/console/orgs">${ctx.t('console-organisations-back')}</a></p>`;
}
