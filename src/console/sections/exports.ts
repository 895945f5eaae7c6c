import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { memberIdsBy, STANDINGS, visibleMemberIds } from '../../features/access/scope.js';
import { listPlan } from '../../features/members/pageIds.js';
import { exportFile, type FileExportKind } from '../../features/exports/index.js';
import { pageContext, type ConsoleDeps, type ConsoleSection, type PageContext } from '../context.js';
import { html, type Html } from '../html.js';
import { documentBytes, sendDownload } from './download.js';
import { idParam, isManager, orgsInScope, staffTimezone, type OrgChoice } from './scopeOrgs.js';

/** Members listed for one name search; more means the name should be typed out further. */
const MAX_FOUND = 20;
const INDENT = '\u3000';
/** Names for a browser too old to read the UTF-8 one. */
const ASCII_NAMES: Record<FileExportKind, string> = { roster: 'roster.xlsx', stats: 'statistics.xlsx', invites: 'invite-codes.xlsx', cards: 'member-cards.xlsx' };

/**
 * 导出表格: the roster, the statistics and fresh invite codes of an organisation in the person's care, and a
 * member's two cards, as the same .xlsx files the chat's /export sends, through the same function (exportFile),
 * so each download is decided and audited as the chat's is.
 */
export const exportsSection: ConsoleSection = {
  name: 'exports',
  nav: { key: 'console-exports-nav', path: '/exports' },
  register(app, deps) {
    app.get('/exports', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      const q = req.query as { org?: string; q?: string };
      const orgs = isManager(ctx.staff) ? await orgsInScope(ctx.db, ctx.staff.personId) : [];
      const chosen = orgs.find((o) => o.id === idParam(q.org)) ?? orgs[0];
      const search = (q.q ?? '').trim().slice(0, 20);
      const found = search ? await membersNamed(ctx.db, ctx.staff.personId, search) : undefined;
      return ctx.page(ctx.t('console-exports-title'), html`${chosen ? orgPanel(ctx, orgs, chosen) : ''}${cardsPanel(ctx, search, found)}`);
    });
    const download = (kind: FileExportKind) => async (req: FastifyRequest, reply: FastifyReply) => {
      const ctx = pageContext(req, reply, deps);
      const id = idParam((req.params as { id?: string }).id);
      if (id === undefined) return ctx.problem(404, 'console-not-found');
      return sendExport(ctx, reply, deps, kind, id);
    };
    app.get('/exports/roster/:id', download('roster'));
    app.get('/exports/stats/:id', download('stats'));
    app.get('/exports/cards/:id', download('cards'));
    // New codes are made each time: a form (POST), so neither a link preview nor a reload makes them again.
    app.post('/exports/invites/:id', download('invites'));
  },
};

async function sendExport(ctx: PageContext, reply: FastifyReply, deps: ConsoleDeps, kind: FileExportKind, id: number): Promise<FastifyReply> {
  const who = { personId: ctx.staff.personId, language: ctx.language, timezone: await staffTimezone(ctx.db, ctx.staff.personId) };
  const [answer] = await exportFile(ctx.db, who, kind, id, ctx.now, { inviteTtlDays: deps.config.INVITE_CODE_TTL_DAYS ?? 14, via: 'console' });
  if (answer?.document) return sendDownload(reply, documentBytes(answer.document), ASCII_NAMES[kind]);
  const key = answer?.key ?? 'console-not-found';
  if (key === 'staff-org-out-of-scope' || key === 'staff-member-not-found') return ctx.problem(404, key);
  // Nothing to hand out (every member linked), or a file too big for the chat's limit: said on a page.
  const back = html`<p><a href="/console/exports${kind === 'cards' ? '' : `?org=${id}`}">${ctx.t('console-exports-back')}</a></p>`;
  return ctx.page(ctx.t('console-exports-title'), html`<p class="notice">${ctx.t(key, answer?.args)}</p>${back}`, key === 'export-too-big' || key === 'export-too-many' ? 400 : 200);
}

function orgPanel(ctx: PageContext, orgs: OrgChoice[], chosen: OrgChoice): Html {
  return html`<section class="card">
    <h2>${ctx.t('console-exports-org-heading')}</h2>
    <form class="filters" method="get" action="/console/exports">
      <label>${ctx.t('console-exports-org')}
        <select name="org">${orgs.map((o) => html`<option value="${o.id}"${o.id === chosen.id ? html` selected` : ''}>${INDENT.repeat(o.depth)}${o.name}</option>`)}</select>
      </label>
      <button type="submit">${ctx.t('console-exports-choose')}</button>
    </form>
    <ul class="exports-list">
      <li><a href="/console/exports/roster/${chosen.id}">${ctx.t('console-exports-roster')}</a> <span class="muted">${ctx.t('console-exports-roster-hint')}</span></li>
      <li><a href="/console/exports/stats/${chosen.id}">${ctx.t('console-exports-stats')}</a> <span class="muted">${ctx.t('console-exports-stats-hint')}</span></li>
      <li><form method="post" action="/console/exports/invites/${chosen.id}">${ctx.csrf}
        <button type="submit">${ctx.t('console-exports-invites')}</button> <span class="muted">${ctx.t('console-exports-invites-hint')}</span></form></li>
    </ul>
  </section>`;
}

interface FoundMember {
  id: number;
  name: string;
  branch: string;
}

function cardsPanel(ctx: PageContext, search: string, found: FoundMember[] | undefined): Html {
  const list = !found ? '' : found.length === 0
    ? html`<p class="muted">${ctx.t('console-exports-found-none', { q: search })}</p>`
    : html`<table class="wide">
        <thead><tr><th>${ctx.t('console-exports-col-name')}</th><th>${ctx.t('console-exports-col-branch')}</th><th>${ctx.t('console-exports-col-file')}</th></tr></thead>
        <tbody>${found.slice(0, MAX_FOUND).map((m) => html`<tr><td>${m.name}</td><td>${m.branch}</td>
          <td><a href="/console/exports/cards/${m.id}">${ctx.t('console-exports-cards')}</a></td></tr>`)}</tbody>
      </table>${found.length > MAX_FOUND ? html`<p class="muted">${ctx.t('console-exports-found-more', { count: MAX_FOUND })}</p>` : ''}`;
  return html`<section class="card">
    <h2>${ctx.t('console-exports-cards-heading')}</h2>
    <form class="filters" method="get" action="/console/exports">
      <label>${ctx.t('console-exports-search')} <input type="search" name="q" value="${search}" maxlength="20"></label>
      <button type="submit">${ctx.t('console-exports-find')}</button>
    </form>
    ${list}
  </section>`;
}

/**
 * Below this many members in scope a search reads the scope's set and matches in it; above it every name is matched
 * (a scan of persons, ~0.4-0.7 s at 1,000,000) and the rule asked of each match. Measured at 1,000,000 members
 * (median of 3, load 1-5): a township of 50,000 searched its set in 0.3-0.8 s against 0.7-1.4 s by names; a county
 * 2.4-4.8 s against 0.45-1.7 s.
 */
const SEARCH_SET_BELOW = 100_000;

/** Members the person may see (the one visibility rule) whose name holds the words typed. */
export async function membersNamed(db: DbOrTx, staffId: number, words: string, setBelow = SEARCH_SET_BELOW): Promise<FoundMember[]> {
  const setFirst = setBelow > 0 && (await listPlan(db, staffId, setBelow)) === 'scope-first';
  const people = setFirst
    ? sql`(${visibleMemberIds(staffId)}) ids (member_id) join persons p on p.id = ids.member_id join members c on c.person_id = p.id`
    : sql`persons p join members c on c.person_id = p.id`;
  const inScope = setFirst ? sql`` : sql` and exists (${memberIdsBy(staffId, STANDINGS, sql`c.person_id`)})`;
  return query<FoundMember>(db, sql`
    select p.id, p.name, o.name as branch
    from ${people}
    join organisations o on o.id = c.home_org_id
    where position(${words} in p.name) > 0${inScope}
    order by p.name, p.id
    limit ${MAX_FOUND + 1}`);
}
