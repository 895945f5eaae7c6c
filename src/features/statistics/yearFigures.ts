import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import type { JobOfferKind } from '../../db/schema/membership.js';
import { offerPlace } from '../reemployment/place.js';

/** A course or an opening still open to members of the subtree, as the statistics list it. */
export interface OpenOffer {
  kind: JobOfferKind;
  title: string;
  /** By name: a place given as a region code is written out. */
  place: string;
  startsOn: string;
}

/**
 * The year of membership in the figures a branch files upward: members recognised as setting an example (先进),
 * and the laid-off members (下岗失业党员) trained, in training and working again, with the courses and openings open.
 */
export interface YearFigures {
  /** Members with at least one 先进 of the year, whichever organisation proposed it. */
  recognised: number;
  laidOff: number;
  /** Signed up this year for a course or an opening. */
  signedUp: number;
  /** Signed up for a course that runs today. */
  inTraining: number;
  /** Recorded trained (培训) this year. */
  trained: number;
  /** Recorded working again (再就业) this year. */
  reemployed: number;
  openOffers: OpenOffer[];
}

/**
 * The courses and openings open to the subtree's members: posted inside the subtree or by an organisation above it,
 * and not yet over. (The year's counts are counted with the rest, counts.ts.)
 */
export async function offersOpenTo(db: DbOrTx, orgId: number, today: string, language: string): Promise<OpenOffer[]> {
  const offers = await query<OpenOffer>(db, sql`
    select jo.kind, jo.title, jo.place, jo.starts_on::text as "startsOn"
    from job_offers jo join organisations so on so.id = jo.org_id, organisations o
    where o.id = ${orgId} and (so.path like o.path || '%' or o.path like so.path || '%')
      and coalesce(jo.ends_on, jo.starts_on) >= ${today}::date
    order by jo.starts_on, jo.id`);
  return offers.map((o) => ({ ...o, place: offerPlace(o.place, language) }));
}
