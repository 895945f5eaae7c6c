import { reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import { t, type Language } from '../../bot/i18n/index.js';
import { answer, type Feature, MANAGERS } from '../../bot/registry.js';
import type { Config } from '../../config.js';
import type { DbOrTx } from '../../db/client.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { idOf } from '../args.js';
import { statsPictureDocument } from './picture.js';
import { orgStatistics } from './statistics.js';
import type { YearFigures } from './yearFigures.js';

const MAX_OFFERS_SHOWN = 5;
import { orgWordAt, takesOrg } from '../orgArg.js';

/** 先进 and re-employment, with the open courses and openings by title and place (names, never codes). */
function yearArgs(y: YearFigures, lang: Language) {
  const offers = y.openOffers.slice(0, MAX_OFFERS_SHOWN).map((o) => t(lang, 'stats-offer', { kind: o.kind, title: o.title, place: o.place, starts: o.startsOn }));
  if (y.openOffers.length > MAX_OFFERS_SHOWN) offers.push(t(lang, 'stats-offers-more', { count: y.openOffers.length - MAX_OFFERS_SHOWN }));
  return {
    recognised: y.recognised, laidOff: y.laidOff, signedUp: y.signedUp, inTraining: y.inTraining, trained: y.trained, reemployed: y.reemployed,
    offerCount: y.openOffers.length, offers: offers.join('、') || '-',
  };
}

async function statsReply(db: DbOrTx, facts: PersonFacts, arg: string, now: Date, rollupTimezone: string): Promise<Reply[]> {
  const orgId = idOf(arg.trim()) ?? (await managedOrgs(db, facts.personId))[0]?.id;
  if (orgId === undefined) return [reply('staff-managers-only')];
  if (!(await authorize(db, facts.personId, 'stats.view', { kind: 'org', id: orgId }, now))) return [reply('staff-org-out-of-scope')];
  const s = await orgStatistics(db, orgId, now, undefined, facts.language);
  // The month's chart goes with the figures, the text as its caption (a long one goes just before it).
  const picture = await statsPictureDocument(db, orgId, now, facts, rollupTimezone);
  const top = (list: { count: number }[], label: (x: never) => string) => list.slice(0, 5).map((x) => `${label(x as never)} ${x.count}`).join('、') || '-';
  return [reply('staff-stats', {
    args: {
      period: s.period, members: s.members, mobile: s.mobile, share: `${(s.mobileShare * 100).toFixed(1)}%`,
      onTime: s.reportedOnTimeThisMonth, reported: s.reportedThisMonth, lost: s.lostContact, found: s.foundAgainThisYear,
      help: s.help.map((h) => `${t(facts.language, 'stats-help-category', { category: h.category })} ${h.resolved}/${h.total}`).join('、') || '-',
      due: s.probationaryDue,
      destinations: top(s.byDestination, (x: { destination: string }) => x.destination),
      occupations: top(s.byOccupation, (x: { occupation: string }) => x.occupation),
      ...yearArgs(s.year, facts.language),
    },
    ...(picture ? { document: picture } : {}),
  })];
}

/**
 * The numbers a branch files upward (members, mobile share, reported on time, lost and found, help). The picture's
 * months are read from the rollup, whose months follow DEFAULT_TIMEZONE.
 */
export function statisticsFeature(config: Pick<Config, 'DEFAULT_TIMEZONE'>): Feature {
  return {
    name: 'statistics',
    commands: [takesOrg({ name: 'stats', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub', run: async (ctx, arg) => answer(await statsReply(ctx.tx, ctx.facts, arg, ctx.now, config.DEFAULT_TIMEZONE)) }, orgWordAt(0))],
  };
}
