import { quarterPeriod } from '../../bot/period.js';
import { isQuarter, recentQuarters, thoughtQuarter } from '../../features/thoughts/quarter.js';
import { replyToThoughtReport } from '../../features/thoughts/reports.js';
import { pageContext, type ConsoleSection, type PageContext } from '../context.js';
import { html } from '../html.js';
import { staffTimezone } from './record/page.js';
import { fieldOf, idParam, textOf } from './record/respond.js';
import { quarterBody, quarterPicker } from './thoughtsView.js';

const VIA = { via: 'console' } as const;
/** How far back the quarter picker reaches (two years); an older one is still a link away (?q=2023-Q1). */
const EARLIER_QUARTERS = 7;

async function showQuarter(ctx: PageContext, asked: string, opts: { status?: number; problem?: string; page?: number } = {}) {
  const timezone = await staffTimezone(ctx.db, ctx.staff.personId);
  const current = quarterPeriod(ctx.now, timezone);
  const period = isQuarter(asked) && asked <= current ? asked : current;
  const quarters = recentQuarters(current, EARLIER_QUARTERS);
  if (!quarters.includes(period)) quarters.push(period);
  const pageNo = opts.page ?? 1;
  const view = await thoughtQuarter(ctx.db, ctx.staff.personId, period, ctx.now, VIA, pageNo);
  return ctx.page(ctx.t('console-thoughts-title'), html`
    ${opts.problem ? html`<p class="problem" role="alert">${opts.problem}</p>` : ''}
    ${quarterPicker(ctx, period, quarters)}
    ${quarterBody(ctx, period, view, timezone, pageNo)}`, opts.status ?? 200);
}

/**
 * 思想汇报 at /console/thoughts: a quarter's reports of the members the person may see, to read (the text, and
 * the photos of a handwritten one through the record's photo route), each with a short reply that reaches the
 * member in chat as the chat's "✍️ 回复" does ("书记已阅：…"); and who has not sent one yet.
 */
export const thoughtsSection: ConsoleSection = {
  name: 'thoughts',
  nav: { key: 'console-thoughts-nav', path: '/thoughts' },
  register(app, deps) {
    app.get('/thoughts', async (req, reply) => {
      const { q, p } = req.query as Record<string, unknown>;
      const page = typeof p === 'string' && /^\d{1,6}$/.test(p) && Number(p) > 0 ? Number(p) : 1;
      return showQuarter(pageContext(req, reply, deps), typeof q === 'string' ? q : '', { page });
    });
    app.post('/thoughts/:id/reply', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      const id = idParam(req, 'id');
      if (id === undefined) return ctx.problem(404, 'console-not-found');
      const period = fieldOf(req.body, 'q');
      const replies = await deps.database.db.transaction((tx) => replyToThoughtReport(tx, ctx.staff.personId, id, fieldOf(req.body, 'text'), ctx.now, VIA));
      if (replies.some((r) => r.key === 'staff-thought-not-found')) return ctx.problem(404, 'console-not-found');
      if (replies.every((r) => r.key === 'staff-thought-reply-sent')) {
        const quarter = isQuarter(period) ? `q=${period}&` : '';
        return reply.code(303).redirect(`/console/thoughts?${quarter}notice=${encodeURIComponent(textOf(ctx, replies))}#report-${id}`);
      }
      return showQuarter(ctx, period, { status: 400, problem: textOf(ctx, replies) });
    });
  },
};
