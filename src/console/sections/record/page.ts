import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { persons } from '../../../db/schema/index.js';
import { localDay } from '../../../bot/period.js';
import { isAllowed } from '../../../features/access/authorize.js';
import { glanceOf, type Glance } from '../../../features/cards/glance.js';
import { inflowOrganisations, registrationCard, serviceCandidates, type RegistrationCard } from '../../../features/cards/registration.js';
import { memberTimeline, type TimelineEntry } from '../../../features/cards/timeline.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { cardSection, type CardFormState } from './cardView.js';
import { excerpt, localDateTime } from './format.js';
import { actionsSection } from './forms.js';
import { timelineSection } from './timelineView.js';

export interface RecordData {
  card: RegistrationCard;
  entries: TimelineEntry[];
  more: boolean;
  canManage: boolean;
  canLog: boolean;
  candidates: { id: number; name: string; roles: string[] }[];
  inflowOrgs: { id: number; name: string }[];
  /** The reader's time zone: every date on the page is on their clock. */
  timezone: string;
}

/** Everything the record page shows; the caller has passed `authorize('member.view')`. Undefined if there is no such member. */
export async function loadRecord(ctx: PageContext, memberId: number): Promise<RecordData | undefined> {
  const staffId = ctx.staff.personId;
  const card = await registrationCard(ctx.db, staffId, memberId);
  if (!card) return undefined;
  const target = { kind: 'member', id: memberId } as const;
  const [canManage, canLog] = [await isAllowed(ctx.db, staffId, 'member.manage', target), await isAllowed(ctx.db, staffId, 'member.log', target)];
  const { entries, more } = await memberTimeline(ctx.db, memberId, ctx.language);
  return {
    card, entries, more, canManage, canLog,
    candidates: canManage ? await serviceCandidates(ctx.db, memberId) : [],
    inflowOrgs: canManage ? await inflowOrganisations(ctx.db) : [],
    timezone: await staffTimezone(ctx.db, staffId),
  };
}

/** The staff person's own time zone: the dates they see, and the dates they leave out, are on their calendar. */
export async function staffTimezone(db: DbOrTx, staffId: number): Promise<string> {
  const [me] = await db.select({ timezone: persons.timezone }).from(persons).where(eq(persons.id, staffId));
  return me?.timezone ?? 'Asia/Shanghai';
}

/** 一档双卡 on one page: 三有三知 at a glance, the registration card, what can be done, and the tracking card. */
export function recordPage(ctx: PageContext, d: RecordData, opts: { status?: number; cardForm?: CardFormState; problem?: string } = {}): ReturnType<PageContext['page']> {
  const { card } = d;
  const body = html`
    <p class="muted record-sub">${card.values.branch} · ${ctx.t('console-record-category', { category: card.status })} · ${ctx.t('console-record-membership', { probationary: card.probationary ? 'yes' : 'no' })}</p>
    ${opts.problem ? html`<p class="problem" role="alert">${opts.problem}</p>` : ''}
    ${glanceSection(ctx, glanceOf(card, d.entries, ctx.now), d.timezone, d.more)}
    <div class="record-columns">
      ${cardSection(ctx, card, d.canManage, opts.cardForm)}
      ${actionsSection(ctx, { card, canManage: d.canManage, canLog: d.canLog, candidates: d.candidates, inflowOrgs: d.inflowOrgs, today: localDay(ctx.now, d.timezone) })}
    </div>
    ${timelineSection(ctx, card.memberId, d.entries, d.more, d.timezone)}`;
  return ctx.page(ctx.t('console-record-title', { name: card.values.name }), body, opts.status ?? 200);
}

function glanceSection(ctx: PageContext, g: Glance, timezone: string, more: boolean): Html {
  const when = (at: Date) => localDateTime(at, timezone).slice(0, 10);
  const cell = (key: string, lines: (string | false | undefined)[], warn = false) => html`<div class="glance-cell${warn ? ' warn' : ''}">
    <h3>${ctx.t(key)}</h3>${lines.filter((l): l is string => Boolean(l)).map((l) => html`<p>${l}</p>`)}</div>`;
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  return html`<section class="card glance" aria-label="${ctx.t('console-record-glance')}">
    <h2>${ctx.t('console-record-glance')}</h2>
    <div class="glance-grid">
      ${cell('console-record-has-card', [ctx.t('console-record-has-card-text', { filled: g.cardFilled, total: g.cardTotal, entries: `${g.entries}${more ? '+' : ''}` })])}
      ${cell('console-record-has-words', [
        g.lastContact ? ctx.t('console-record-last-contact', { date: when(g.lastContact.at), kind: g.lastContact.contact }) : ctx.t('console-record-no-contact'),
        ctx.t('console-record-contacted-this-month', { yes: yes(g.contactedThisMonth) }),
        ctx.t('console-record-thought-quarter', { yes: yes(g.thoughtThisQuarter) }),
      ], !g.contactedThisMonth)}
      ${cell('console-record-has-evaluation', [g.evaluation
        ? ctx.t('console-record-evaluation-line', { year: String(g.evaluation.year), result: g.evaluation.result ? ctx.t('evaluation-result-name', { result: g.evaluation.result }) : ctx.t('console-record-evaluation-pending') })
        : ctx.t('console-record-no-evaluation')])}
      ${cell('console-record-knows-where', [
        g.lostContact && ctx.t('console-record-lost-contact'),
        g.place ? ctx.t('console-record-place-line', { place: g.place }) : ctx.t('console-record-no-place'),
        g.lastLocation && ctx.t('console-record-last-location', { place: g.lastLocation.place, date: when(g.lastLocation.at) }),
      ], g.lostContact)}
      ${cell('console-record-knows-how', [
        g.lastMonthly ? ctx.t('console-record-last-monthly', { period: g.lastMonthly.period, work: g.lastMonthly.work ?? 'other', difficulty: yes(g.lastMonthly.difficulty === true) }) : ctx.t('console-record-no-monthly'),
        ctx.t('console-record-reported-this-month', { yes: yes(g.reportedThisMonth) }),
        g.openHelp > 0 && ctx.t('console-record-open-help', { count: g.openHelp }),
      ], !g.reportedThisMonth || g.openHelp > 0)}
      ${cell('console-record-knows-thinking', [g.lastThought
        ? ctx.t('console-record-last-thought', { period: g.lastThought.period, excerpt: excerpt(g.lastThought.body, 60) })
        : ctx.t('console-record-no-thought')])}
    </div>
  </section>`;
}
