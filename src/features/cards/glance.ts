import { monthPeriod, quarterPeriod } from '../../bot/period.js';
import type { RegistrationCard } from './registration.js';
import { CARD_FIELDS } from './registration.js';
import type { TimelineEntry } from './timeline.js';

type Of<K extends TimelineEntry['kind']> = Extract<TimelineEntry, { kind: K }>;

/**
 * 三有三知 at a glance: has cards (登记卡 filled, 跟踪管理卡 kept), has words (contacts, thought reports), has an
 * evaluation; where the member is, how they are, what they think. Periods are the member's own (their time zone).
 */
export interface Glance {
  cardFilled: number;
  cardTotal: number;
  entries: number;
  lastContact: Of<'contact'> | undefined;
  contactedThisMonth: boolean;
  lastThought: Of<'thought'> | undefined;
  thoughtThisQuarter: boolean;
  evaluation: Of<'evaluation'> | undefined;
  place: string;
  lastLocation: Of<'location'> | undefined;
  lastMonthly: Of<'monthly'> | undefined;
  reportedThisMonth: boolean;
  openHelp: number;
  lostContact: boolean;
}

const OPEN_HELP = ['open', 'assigned', 'in_progress', 'reopened'];

export function glanceOf(card: RegistrationCard, entries: TimelineEntry[], now: Date): Glance {
  const first = <K extends TimelineEntry['kind']>(kind: K) => entries.find((e): e is Of<K> => e.kind === kind);
  const month = monthPeriod(now, card.timezone);
  const quarter = quarterPeriod(now, card.timezone);
  const lastContact = first('contact');
  const lastThought = first('thought');
  const lastMonthly = first('monthly');
  return {
    cardFilled: CARD_FIELDS.filter((f) => card.values[f] !== '').length,
    cardTotal: CARD_FIELDS.length,
    entries: entries.length,
    lastContact,
    contactedThisMonth: lastContact !== undefined && monthPeriod(lastContact.at, card.timezone) === month,
    lastThought,
    thoughtThisQuarter: lastThought?.period === quarter,
    evaluation: entries.find((e): e is Of<'evaluation'> => e.kind === 'evaluation' && e.result !== null) ?? first('evaluation'),
    place: card.values.destination,
    lastLocation: first('location'),
    lastMonthly,
    reportedThisMonth: lastMonthly?.period === month,
    openHelp: entries.filter((e) => e.kind === 'help' && OPEN_HELP.includes(e.status)).length,
    lostContact: card.status === 'lost_contact',
  };
}
