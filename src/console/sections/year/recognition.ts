import type { FastifyInstance } from 'fastify';
import type { Reply } from '../../../bot/flow.js';
import type { Config } from '../../../config.js';
import type { NoticePacing } from '../../../features/broadcasts/notices.js';
import { announceRecognition, MAX_REASON_CHARS, mayAnnounce, recordRecognition, revokeRecognition } from '../../../features/evaluation/recognition.js';
import { recognitionRows, type RecognitionRow } from '../../../features/evaluation/recognitionList.js';
import { pageContext, type ConsoleDeps, type PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { idParam } from '../scopeOrgs.js';
import { answered, chosenOrg, fieldOf, liaisonOf, managerOf, memberLink, table, yearHeader, yearOf } from './common.js';
import { memberSelect, membersFor, orgField, tooMany, TOO_MANY } from './people.js';

/** What a sent notice answers: all of it is success (who could not be reached is said, not refused). */
const SENT = ['broadcast-queued', 'broadcast-paced', 'broadcast-unreachable'];

/**
 * 先进 on a page: the year's list of an organisation (the chat's /examples, decided and audited the same way), a
 * form to record one (the chat's /example) with a box to announce it to the member's branch at once, and per row
 * revoking with a reason and announcing, through the broadcast path (quiet hours, weekly cap).
 */
export function registerRecognition(app: FastifyInstance, deps: ConsoleDeps): void {
  const pacing: NoticePacing = { defaults: deps.config as unknown as NoticePacing['defaults'], timezone: (deps.config as Partial<Config>).DEFAULT_TIMEZONE ?? 'Asia/Shanghai' };
  app.get('/year/recognition', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const year = await yearOf(ctx, req);
    if (!managerOf(ctx.staff)) {
      if (!liaisonOf(ctx.staff)) return ctx.problem(403, 'console-forbidden');
      // A liaison of an inflow organisation proposes for the members attached to it, as in the chat.
      return ctx.page(ctx.t('console-year-title-of', { page: 'recognition' }), html`${yearHeader(ctx, 'recognition', [], undefined, year)}${await recordForm(ctx, undefined, year, false)}`);
    }
    const { orgs, orgId } = await chosenOrg(ctx, req);
    const found = orgId === undefined ? undefined : await recognitionRows(ctx.db, ctx.staff.personId, orgId, year, ctx.now, 'console');
    if (!found) return ctx.problem(404, 'console-not-found');
    return ctx.page(ctx.t('console-year-title-of', { page: 'recognition' }), html`${yearHeader(ctx, 'recognition', orgs, found.org.id, year)}
      <section class="card"><h2>${ctx.t('console-year-recognition-list', { org: found.org.name, year: String(year), count: found.rows.filter((r) => !r.revokedOn).length })}</h2>
        ${listTable(ctx, found.rows, found.org.id, year)}</section>
      ${await recordForm(ctx, found.org.id, year, true)}`);
  });
  app.post('/year/recognition/record', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const memberId = idParam(fieldOf(req.body, 'member'));
    const reason = fieldOf(req.body, 'reason');
    const year = Number(fieldOf(req.body, 'year'));
    const announce = fieldOf(req.body, 'announce') === 'on';
    const back = backOf(req.body);
    if (memberId === undefined) return ctx.problem(404, 'console-not-found');
    if (!reason || !Number.isInteger(year) || year < 2000 || year > 2099) return answered(ctx, reply, back, [{ key: 'staff-tool-usage', args: { tool: 'example' } }], []);
    const replies = await deps.database.db.transaction(async (tx): Promise<Reply[]> => {
      // Nothing is recorded when the announcement asked for could not be sent: the two go together or not at all.
      if (announce && !(await mayAnnounce(tx, ctx.staff.personId, memberId))) return [{ key: 'staff-member-not-found' }];
      const saved = await recordRecognition(tx, ctx.staff.personId, memberId, year, reason, ctx.now);
      if (!announce || saved.id === undefined) return saved.replies.map((r) => ({ key: r.key, ...(r.args ? { args: r.args } : {}) }));
      return [{ key: saved.replies[0]!.key, args: saved.replies[0]!.args! }, ...(await announceRecognition(tx, ctx.staff.personId, saved.id, ctx.now, pacing))];
    });
    return answered(ctx, reply, back, replies, ['recognition-saved', ...SENT]);
  });
  app.post('/year/recognition/:id/revoke', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const id = idParam((req.params as { id?: string }).id);
    const reason = fieldOf(req.body, 'reason');
    if (id === undefined) return ctx.problem(404, 'console-not-found');
    if (!reason) return answered(ctx, reply, backOf(req.body), [{ key: 'staff-tool-usage', args: { tool: 'examples' } }], []);
    const replies = await deps.database.db.transaction((tx) => revokeRecognition(tx, ctx.staff.personId, id, reason, ctx.now));
    return answered(ctx, reply, backOf(req.body), replies, ['recognition-revoked']);
  });
  app.post('/year/recognition/:id/announce', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const id = idParam((req.params as { id?: string }).id);
    if (id === undefined) return ctx.problem(404, 'console-not-found');
    const replies = await deps.database.db.transaction((tx) => announceRecognition(tx, ctx.staff.personId, id, ctx.now, pacing));
    return answered(ctx, reply, backOf(req.body), replies, SENT);
  });
}

function backOf(body: unknown): string {
  const org = idParam(fieldOf(body, 'org'));
  const year = fieldOf(body, 'year');
  const q = [org === undefined ? '' : `org=${org}`, /^20\d{2}$/.test(year) ? `year=${year}` : ''].filter(Boolean).join('&');
  return `/year/recognition${q ? `?${q}` : ''}`;
}

function listTable(ctx: PageContext, rows: RecognitionRow[], orgId: number, year: number): Html {
  if (rows.length === 0) return html`<p class="muted">${ctx.t('console-year-recognition-none')}</p>`;
  const hidden = html`${ctx.csrf}${orgField(orgId)}<input type="hidden" name="year" value="${year}">`;
  const heads = ['name', 'branch', 'reason', 'org', 'date', 'state', 'act'].map((c) => ctx.t('console-year-recognition-col', { col: c }));
  return table(heads, rows.map((r) => [
    memberLink(r.memberId, r.name), r.homeOrg, r.reason, r.proposedBy, r.recordedOn,
    r.revokedOn ? ctx.t('console-year-recognition-revoked', { date: r.revokedOn, reason: r.revokeReason ?? '' }) : ctx.t('console-year-recognition-state', { announced: r.announced ? 'yes' : 'no' }),
    r.revokedOn ? '' : html`${r.announced ? '' : html`<form class="year-form" method="post" action="/console/year/recognition/${r.id}/announce">${hidden}
        <button type="submit">${ctx.t('recognition-button-announce')}</button></form>`}
      <form class="year-form" method="post" action="/console/year/recognition/${r.id}/revoke">${hidden}
        <input name="reason" required maxlength="${MAX_REASON_CHARS}" placeholder="${ctx.t('console-year-reason')}" aria-label="${ctx.t('console-year-reason')}">
        <button type="submit">${ctx.t('console-year-recognition-revoke')}</button></form>`,
  ]), 'wide year-recognition');
}

/** The chat's /example: a member the person may propose (home branch, or inflow organisation for attached members). */
async function recordForm(ctx: PageContext, orgId: number | undefined, year: number, announce: boolean): Promise<Html> {
  const people = await membersFor(ctx, orgId, ['owner', 'inflow']);
  if (people === TOO_MANY) return tooMany(ctx, 'console-year-recognition-add');
  if (people.length === 0) return html`<p class="muted">${ctx.t('console-year-no-members')}</p>`;
  return html`<section class="card"><h2>${ctx.t('console-year-recognition-add')}</h2>
    <form class="panel year-form" method="post" action="/console/year/recognition/record">${ctx.csrf}${orgField(orgId)}
      <input type="hidden" name="year" value="${year}">
      ${memberSelect(ctx, people)}
      <label>${ctx.t('console-year-recognition-reason')} <input name="reason" required maxlength="${MAX_REASON_CHARS}"></label>
      ${announce ? html`<label class="year-check"><input type="checkbox" name="announce" value="on"> ${ctx.t('console-year-recognition-announce')}</label>` : ''}
      <button type="submit">${ctx.t('console-year-recognition-save')}</button>
    </form></section>`;
}
