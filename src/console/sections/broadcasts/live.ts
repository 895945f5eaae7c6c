import { isAllowed } from '../../../features/access/authorize.js';
import { audienceSample, countAudience, unknownExclusions } from '../../../features/broadcasts/audience.js';
import { attachableItem, noticeMessage, type AttachedItem } from '../../../features/broadcasts/message.js';
import { renderReply } from '../../../bot/render.js';
import type { OutgoingMessage } from '../../../bot/types.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { idParam, localDateTime, orgsInScope, staffTimezone, type OrgChoice } from '../scopeOrgs.js';
import { composed, one, type Composed, type FormValues } from './form.js';

/** Everything the composer shows beside its fields: who it reaches, a few of their names, the text as it will look. */
export interface Live {
  orgs: OrgChoice[];
  orgId: number | undefined;
  c: Composed;
  counts: { members: number; reachable: number };
  sample: string[];
  item: AttachedItem | undefined;
  preview: OutgoingMessage;
  timezone: string;
  /** May mark a notice urgent here (an organisation admin). */
  mayUrgent: boolean;
  problems: string[];
}

const SAMPLE = 12;

/**
 * The composer's state for these fields, for the person asking. Reads only: nothing is audited or sent here (the
 * confirmation and the send are, through features/broadcasts). An organisation outside the person's scope is a
 * problem, never a count.
 */
export async function liveState(ctx: PageContext, v: FormValues): Promise<Live> {
  const orgs = await orgsInScope(ctx.db, ctx.staff.personId);
  const asked = one(v, 'org');
  const orgId = asked ? idParam(asked) : orgs[0]?.id;
  const timezone = await staffTimezone(ctx.db, ctx.staff.personId);
  const c = composed(v, orgId, ctx.now, timezone);
  const problems = c.problems.map((p) => ctx.t(p.key, p.args));
  const inScope = orgId !== undefined && (await isAllowed(ctx.db, ctx.staff.personId, 'broadcast.compose', { kind: 'org', id: orgId }));
  const mayUrgent = inScope && (await isAllowed(ctx.db, ctx.staff.personId, 'broadcast.urgent', { kind: 'org', id: orgId! }));
  let counts = { members: 0, reachable: 0 };
  let sample: string[] = [];
  let item: AttachedItem | undefined;
  if (!inScope) problems.push(ctx.t('staff-org-out-of-scope'));
  else {
    const missing = await unknownExclusions(ctx.db, orgId!, c.filter.excluded ?? []);
    if (missing.length) problems.push(ctx.t('audience-unknown-exclusion', { names: missing.join('、') }));
    if (c.filter.urgent && !mayUrgent) problems.push(ctx.t('broadcast-urgent-admins-only'));
    const filter = { ...c.filter, orgId: orgId! };
    [counts, sample] = await Promise.all([countAudience(ctx.db, filter, ctx.now), audienceSample(ctx.db, filter, ctx.now, SAMPLE)]);
    if (c.itemId !== undefined) {
      item = await attachableItem(ctx.db, orgId!, c.itemId);
      if (!item) problems.push(ctx.t('console-broadcasts-no-item'));
    }
  }
  const preview = renderReply('zh-CN', noticeMessage(0, c.text || ctx.t('console-broadcasts-text-placeholder'), item));
  return { orgs, orgId, c, counts, sample, item, preview, timezone, mayUrgent, problems };
}

/** The live part of the composer: replaced as a whole by the script when a field changes (and rendered with the page). */
export function liveView(ctx: PageContext, l: Live): Html {
  const more = l.counts.members - l.sample.length;
  const when = l.c.sendAt ? ctx.t('console-broadcasts-when-at', { at: localDateTime(l.c.sendAt, l.timezone) }) : ctx.t('console-broadcasts-when-now');
  return html`<div id="bc-live" class="bc-live" aria-live="polite">
    <section class="card bc-audience">
      <h2>${ctx.t('console-broadcasts-audience')}</h2>
      ${l.problems.map((p) => html`<p class="problem" role="alert">${p}</p>`)}
      <p class="bc-count" data-members="${l.counts.members}" data-reachable="${l.counts.reachable}">${ctx.t('staff-audience-count', l.counts)}</p>
      ${l.sample.length
        ? html`<p class="bc-sample">${ctx.t('console-broadcasts-sample', { names: l.sample.join('、'), more: Math.max(0, more) })}</p>`
        : html`<p class="muted">${ctx.t('broadcast-nobody')}</p>`}
    </section>
    <section class="card bc-preview">
      <h2>${ctx.t('console-broadcasts-preview')}</h2>
      <div class="bc-bubble"><p class="bc-text">${l.preview.text}</p>
        ${(l.preview.buttons ?? []).flat().map((b) => html`<span class="bc-button">${b.label}</span>`)}</div>
      <p class="muted">${when} · ${ctx.t(l.c.filter.urgent ? 'console-broadcasts-urgent-explain' : 'console-broadcasts-paced-explain')}</p>
    </section>
  </div>`;
}
