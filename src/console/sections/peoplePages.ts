import { STAFF_ROLES, type StaffRole } from '../../db/schema/index.js';
import type { LinkedAccount, PersonChoice, StaffEntry, StaffPage, StaffPageAt } from '../../features/people/list.js';
import { flatten, lineage, type ManagedTree } from '../../features/organisations/view.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';

const accountText = (ctx: PageContext, a: LinkedAccount) =>
  `${ctx.t(`console-people-platform-${a.platform}`)}${a.unreachable ? ctx.t('console-people-unreachable') : ''}`;

function accounts(ctx: PageContext, p: StaffEntry): Html {
  if (p.accounts.length) return html`${p.accounts.map((a) => accountText(ctx, a)).join('、')}`;
  return html`<span class="muted">${ctx.t(p.invited ? 'console-people-invited' : 'console-people-not-linked')}</span>`;
}

function roleItems(ctx: PageContext, p: StaffEntry, isAdmin: boolean): Html[] {
  return p.roles.map((r) => {
    const mayRevoke = p.personId !== ctx.staff.personId && (r.role !== 'org_admin' || isAdmin);
    const query = `person=${p.personId}&role=${r.role}&org=${r.orgId}`;
    return html`<li>${ctx.t(`role-${r.role}`)} · ${r.org}${r.archived ? html` <span class="muted">${ctx.t('console-people-org-archived')}</span>` : ''}
      ${mayRevoke ? html` <a class="people-revoke" href="/console/people/revoke?${query}">${ctx.t('console-people-revoke')}</a>` : ''}</li>`;
  });
}

/** The list's address with its search and page. */
function peopleLink(at: StaffPageAt): string {
  const params = new URLSearchParams([...(at.name ? [['q', at.name]] : []), ...(at.after !== undefined ? [['after', String(at.after)]] : [])]);
  return `/console/people${params.size ? `?${params.toString()}` : ''}`;
}

function staffList(ctx: PageContext, page: StaffPage & { at: StaffPageAt }, isAdmin: boolean): Html {
  const { at } = page;
  const search = html`<form class="filters" method="get" action="/console/people">
    <label>${ctx.t('console-people-search')} <input type="search" name="q" value="${at.name ?? ''}" maxlength="20"></label>
    <button type="submit">${ctx.t('console-people-find')}</button></form>`;
  if (page.total === 0 && !at.name) return html`<p>${ctx.t('console-people-none')}</p>`;
  const pager = at.after !== undefined || page.nextAfter !== undefined ? html`<nav class="pager" aria-label="${ctx.t('console-members-pages')}">
    ${at.after !== undefined ? html`<a href="${peopleLink({ name: at.name })}">${ctx.t('console-members-first')}</a>` : ''}
    ${page.nextAfter !== undefined ? html`<a rel="next" href="${peopleLink({ name: at.name, after: page.nextAfter })}">${ctx.t('console-members-next')}</a>` : ''}
  </nav>` : '';
  return html`${search}<p>${ctx.t('console-people-count', { count: page.total })}</p>${staffTable(ctx, page.people, isAdmin)}${pager}`;
}

function staffTable(ctx: PageContext, people: StaffEntry[], isAdmin: boolean): Html {
  if (!people.length) return html`<p class="muted">${ctx.t('console-people-none-found')}</p>`;
  return html`<table class="wide people">
    <thead><tr><th>${ctx.t('console-people-name')}</th><th>${ctx.t('console-people-roles')}</th><th>${ctx.t('console-people-accounts')}</th><th></th></tr></thead>
    <tbody>${people.map((p) => html`<tr data-person="${p.personId}">
      <td>${p.name}</td>
      <td><ul class="people-roles">${roleItems(ctx, p, isAdmin)}</ul></td>
      <td>${accounts(ctx, p)}</td>
      <td>${p.accounts.length ? '' : html`<form method="post" action="/console/people/${p.personId}/invite">${ctx.csrf}<button type="submit">${ctx.t('console-people-invite')}</button></form>`}</td>
    </tr>`)}</tbody>
  </table>`;
}

/** The roles this person may hand out: an organisation admin only by one. */
const grantable = (isAdmin: boolean): StaffRole[] => STAFF_ROLES.filter((r) => r !== 'org_admin' || isAdmin);

function orgOptions(tree: ManagedTree, selected?: number): Html[] {
  return flatten(tree.roots).map(({ node }) => html`<option value="${node.id}"${node.id === selected ? html` selected` : ''}>${lineage(node).map((o) => o.name).join(' › ')}</option>`);
}

export function grantForm(ctx: PageContext, tree: ManagedTree, isAdmin: boolean): Html {
  return html`<form class="panel" method="post" action="/console/people/grant">${ctx.csrf}
    <h2>${ctx.t('console-people-grant-title')}</h2>
    <p class="muted">${ctx.t('console-people-grant-explain')}</p>
    <label for="grant-name">${ctx.t('console-people-name')}</label>
    <input id="grant-name" name="name" required maxlength="30">
    <label for="grant-phone">${ctx.t('console-people-phone')}</label>
    <input id="grant-phone" name="phone" inputmode="tel" maxlength="20">
    <label for="grant-role">${ctx.t('console-people-role')}</label>
    <select id="grant-role" name="role">${grantable(isAdmin).map((r) => html`<option value="${r}">${ctx.t(`role-${r}`)}</option>`)}</select>
    <label for="grant-org">${ctx.t('console-people-org')}</label>
    <select id="grant-org" name="org">${orgOptions(tree)}</select>
    <p><button type="submit" class="primary">${ctx.t('console-people-grant')}</button></p>
  </form>`;
}

export function peoplePage(ctx: PageContext, page: StaffPage & { at: StaffPageAt }, tree: ManagedTree, isAdmin: boolean, problem?: string): Html {
  return html`${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
  <p class="muted">${ctx.t('console-people-intro')}</p>
  ${staffList(ctx, page, isAdmin)}
  ${tree.roots.length ? grantForm(ctx, tree, isAdmin) : ''}`;
}

/** Several people in scope share the name: the manager picks one, told apart by where they are and the phone's end. */
export function choosePage(ctx: PageContext, choices: PersonChoice[], role: string, orgId: number): Html {
  return html`<form class="panel" method="post" action="/console/people/grant">${ctx.csrf}
    <input type="hidden" name="role" value="${role}"><input type="hidden" name="org" value="${orgId}">
    <p>${ctx.t('console-people-choose', { name: choices[0]!.name })}</p>
    <fieldset class="people-choices">${choices.map((c, i) => html`<label><input type="radio" name="person" value="${c.personId}"${i ? '' : html` checked`}>
      ${c.name} · ${c.where}${c.phoneTail ? ` · ${ctx.t('console-people-phone-tail', { tail: c.phoneTail })}` : ''}</label>`)}</fieldset>
    <p><button type="submit" class="primary">${ctx.t('console-people-grant')}</button> <a href="/console/people">${ctx.t('console-people-back')}</a></p>
  </form>`;
}

export function revokePage(ctx: PageContext, r: { personId: number; name: string; role: StaffRole; orgId: number; org: string; members: string[] }): Html {
  return html`<form class="panel" method="post" action="/console/people/revoke">${ctx.csrf}
    <input type="hidden" name="person" value="${r.personId}"><input type="hidden" name="role" value="${r.role}"><input type="hidden" name="org" value="${r.orgId}">
    <p>${ctx.t('console-people-revoke-confirm', { name: r.name, role: ctx.t(`role-${r.role}`), org: r.org })}</p>
    ${r.members.length ? html`<p>${ctx.t('console-people-revoke-members', { count: r.members.length, members: r.members.join('、') })}</p>` : ''}
    <p><button type="submit" class="primary">${ctx.t('console-people-revoke-yes')}</button> <a href="/console/people">${ctx.t('console-people-back')}</a></p>
  </form>`;
}

export function invitePage(ctx: PageContext, inv: { name: string; code: string; days: number; until: string }): Html {
  return html`<section class="card">
    <p>${ctx.t('console-people-invite-for', { name: inv.name })}</p>
    <p class="invite-code"><code>${inv.code}</code></p>
    <p>${ctx.t('console-people-invite-explain', { days: inv.days, until: inv.until })}</p>
  </section>
  <p><a href="/console/people">${ctx.t('console-people-back')}</a></p>`;
}
