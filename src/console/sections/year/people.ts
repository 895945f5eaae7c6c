import { sql } from 'drizzle-orm';
import { query } from '../../../db/query.js';
import { memberIdsBy, type Standing } from '../../../features/access/scope.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';

export interface Choice { id: number; name: string; branch: string }

/**
 * More members than a form can list: the page asks for a branch to be chosen instead. A branch of a thousand still
 * fits (a select types ahead); a township does not. It was 500, silently: a branch's 501st member could not be picked.
 */
export const MAX_CHOICES = 2_000;
export const TOO_MANY = 'too-many' as const;

/**
 * Members a form may name: those the person stands to in the ways its action asks (dues: the home branch or the
 * inflow organisation, 双向管理; a make-up session: the home branch), of the organisation's subtree when one is
 * chosen. The domain function decides again. Past MAX_CHOICES, TOO_MANY: a county's list was the first 500 of a
 * million (of the first branch), found by building the whole scope and sorting it (11 s at 1,000,000).
 */
export async function membersFor(ctx: PageContext, orgId: number | undefined, standings: readonly Standing[]): Promise<Choice[] | typeof TOO_MANY> {
  const rows = await query<Choice>(ctx.db, orgId === undefined ? sql`
    select p.id, p.name, home.name as branch
    from (${memberIdsBy(ctx.staff.personId, standings)}) ids (member_id)
    join persons p on p.id = ids.member_id
    join members c on c.person_id = p.id
    join organisations home on home.id = c.home_org_id
    order by home.path, p.name, p.id
    limit ${MAX_CHOICES + 1}` : sql`
    with under as materialized (select id from organisations where path like (select path from organisations where id = ${orgId}) || '%'),
    found as materialized (
      select c.person_id, c.home_org_id from (
        select person_id, home_org_id from members where home_org_id in (select id from under)
        union all
        select person_id, home_org_id from members where inflow_org_id in (select id from under) and home_org_id not in (select id from under)) c
      where exists (${memberIdsBy(ctx.staff.personId, standings, sql`c.person_id`)})
      limit ${MAX_CHOICES + 1})
    select p.id, p.name, home.name as branch
    from found c join persons p on p.id = c.person_id join organisations home on home.id = c.home_org_id
    order by home.path, p.name, p.id`);
  return rows.length > MAX_CHOICES ? TOO_MANY : rows;
}

/** In place of a form whose members are too many to list. */
export const tooMany = (ctx: PageContext, title: string): Html =>
  html`<section class="card"><h2>${ctx.t(title)}</h2><p class="muted">${ctx.t('console-year-too-many-members', { max: MAX_CHOICES })}</p></section>`;

export const memberSelect = (ctx: PageContext, people: Choice[]): Html =>
  html`<label>${ctx.t('console-year-member')} <select name="member">${people.map((p) => html`<option value="${p.id}">${p.name}（${p.branch}）</option>`)}</select></label>`;

export const orgField = (orgId: number | undefined): Html => (orgId === undefined ? html`` : html`<input type="hidden" name="org" value="${orgId}">`);
