import { sql } from 'drizzle-orm';
import { query } from '../../../db/query.js';
import { memberIdsBy, type Standing } from '../../../features/access/scope.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';

export interface Choice { id: number; name: string; branch: string }

/**
 * Members a form may name: those the person stands to in the ways its action asks (dues: the home branch or the
 * inflow organisation, 双向管理; a make-up session: the home branch), of the organisation's subtree when one is
 * chosen. The domain function decides again.
 */
export async function membersFor(ctx: PageContext, orgId: number | undefined, standings: readonly Standing[]): Promise<Choice[]> {
  return query<Choice>(ctx.db, sql`
    select p.id, p.name, home.name as branch
    from (${memberIdsBy(ctx.staff.personId, standings)}) ids (member_id)
    join persons p on p.id = ids.member_id
    join members m on m.person_id = p.id
    join organisations home on home.id = m.home_org_id
    left join organisations inflow on inflow.id = m.inflow_org_id
    ${orgId === undefined ? sql`` : sql`join organisations o on o.id = ${orgId} where (home.path like o.path || '%' or inflow.path like o.path || '%')`}
    order by home.path, p.name, p.id
    limit 500`);
}

export const memberSelect = (ctx: PageContext, people: Choice[]): Html =>
  html`<label>${ctx.t('console-year-member')} <select name="member">${people.map((p) => html`<option value="${p.id}">${p.name}（${p.branch}）</option>`)}</select></label>`;

export const orgField = (orgId: number | undefined): Html => (orgId === undefined ? html`` : html`<input type="hidden" name="org" value="${orgId}">`);
