import { sql, type SQL } from 'drizzle-orm';
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
 * The figures for the members whose home branch lies in the subtree (`inTree`, a condition over `m`). Offers count
 * when they reach those members: posted inside the subtree or by an organisation above it, and not yet over.
 */
export async function yearFigures(db: DbOrTx, orgId: number, inTree: SQL, at: { year: number; today: string; timezone: string; language: string }): Promise<YearFigures> {
  const { year, today } = at;
  const [f] = await query<Omit<YearFigures, 'openOffers'>>(db, sql`
    with scope as (select m.person_id, m.status from members m where ${inTree})
    select
      (select count(distinct rc.member_id)::int from recognitions rc join scope on scope.person_id = rc.member_id where rc.year = ${year} and rc.revoked_at is null) as recognised,
      (select count(*)::int from scope where status = 'laid_off') as "laidOff",
      (select count(distinct js.member_id)::int from job_signups js join scope on scope.person_id = js.member_id
         where extract(year from js.signed_at at time zone ${at.timezone}) = ${year}) as "signedUp",
      (select count(distinct js.member_id)::int from job_signups js join scope on scope.person_id = js.member_id join job_offers jo on jo.id = js.offer_id
         where jo.kind = 'training' and jo.starts_on <= ${today}::date and coalesce(jo.ends_on, jo.starts_on) >= ${today}::date) as "inTraining",
      (select count(distinct eo.member_id)::int from employment_outcomes eo join scope on scope.person_id = eo.member_id
         where eo.outcome = 'trained' and extract(year from eo.on) = ${year}) as trained,
      (select count(distinct eo.member_id)::int from employment_outcomes eo join scope on scope.person_id = eo.member_id
         where eo.outcome = 'reemployed' and extract(year from eo.on) = ${year}) as reemployed`);
  const offers = await query<OpenOffer>(db, sql`
    select jo.kind, jo.title, jo.place, jo.starts_on::text as "startsOn"
    from job_offers jo join organisations so on so.id = jo.org_id, organisations o
    where o.id = ${orgId} and (so.path like o.path || '%' or o.path like so.path || '%')
      and coalesce(jo.ends_on, jo.starts_on) >= ${today}::date
    order by jo.starts_on, jo.id`);
  return { ...f!, openOffers: offers.map((o) => ({ ...o, place: offerPlace(o.place, at.language) })) };
}
