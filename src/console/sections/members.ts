import { liaisonChoices, orgChoices, placeChoices } from '../../features/members/choices.js';
import { parseFilter } from '../../features/members/filter.js';
import { listMembers, type PageCursor } from '../../features/members/list.js';
import { pageContext, type ConsoleSection } from '../context.js';
import { html } from '../html.js';
import { filterForm, memberTable, pager } from './membersView.js';

const positive = (v: unknown): number | undefined => (typeof v === 'string' && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

/**
 * 党员名单: the members the person may see (the chat's visibility rule), searched by name or pinyin initials,
 * filtered, 50 to a page. Each name leads to the member's record at /console/members/<id>.
 */
export const membersSection: ConsoleSection = {
  name: 'members',
  nav: { key: 'console-members-nav', path: '/members' },
  register(app, deps) {
    app.get('/members', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      const params = req.query as Record<string, unknown>;
      const filter = parseFilter(params);
      const cursor: PageCursor = {};
      const after = positive(params.after);
      const before = positive(params.before);
      if (after) cursor.after = after;
      else if (before) cursor.before = before;
      const pageNo = cursor.after || cursor.before ? (positive(params.p) ?? 1) : 1;
      const [page, orgs, liaisons] = await Promise.all([
        listMembers(ctx.db, ctx.staff.personId, filter, cursor, ctx.now),
        orgChoices(ctx.db, ctx.staff.personId),
        liaisonChoices(ctx.db, ctx.staff.personId),
      ]);
      const choices = { orgs, liaisons, places: placeChoices(ctx.language) };
      return ctx.page(ctx.t('console-members-title'), html`
        ${filterForm(ctx, filter, choices)}
        ${memberTable(ctx, page.rows)}
        ${pager(ctx, filter, page, pageNo)}`);
    });
  },
};
