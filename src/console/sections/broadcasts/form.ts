import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { query } from '../../../db/query.js';
import { MEMBER_STATUSES, type MemberStatus } from '../../../db/schema/index.js';
import { placesOf, type TypedFilter } from '../../../features/broadcasts/filter.js';
import { localDate } from '../../../bot/period.js';
import { subtreePattern } from '../../../features/subtree.js';

/** The composer's fields as the browser sent them (a GET query or a POST body), every field a list of strings. */
export type FormValues = Record<string, string[]>;

export const FIELDS = ['org', 'status', 'rank', 'occupation', 'place', 'overdue', 'nostudy', 'exclude', 'text', 'item', 'when', 'sendAt', 'urgent'] as const;
export const MAX_TEXT = 2000;
/** A notice set further ahead than this is more likely a typo in the year than a plan. */
const MAX_DAYS_AHEAD = 180;

export function formValues(input: unknown): FormValues {
  const src = (input ?? {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const key of FIELDS) {
    const v = src[key];
    const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
    out[key] = list.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

export const one = (v: FormValues, key: string): string => (v[key]?.[0] ?? '').trim();
const words = (s: string) => s.split(/[\s,，、;；]+/).map((w) => w.trim()).filter(Boolean);

/** What the composer asks for, read from its fields; `problems` are catalogue keys with their arguments. */
export interface Composed {
  filter: TypedFilter;
  text: string;
  itemId?: number;
  /** Absent: send now. */
  sendAt?: Date;
  problems: { key: string; args?: Record<string, string | number> }[];
}

/**
 * The form's fields as an audience filter of features/broadcasts, the same the chat's typed conditions make:
 * places by name (refused when no region has it), names to leave out, categories, 正式/预备, flags.
 */
export function composed(v: FormValues, orgId: number | undefined, now: Date, timezone: string): Composed {
  const problems: Composed['problems'] = [];
  const filter: TypedFilter = {};
  if (orgId !== undefined) filter.orgId = orgId;
  const statuses = (v.status ?? []).filter((s): s is MemberStatus => (MEMBER_STATUSES as readonly string[]).includes(s));
  if (statuses.length) filter.statuses = statuses;
  const rank = one(v, 'rank');
  if (rank === 'probationary') filter.probationary = true;
  if (rank === 'full') filter.probationary = false;
  const occupations = (v.occupation ?? []).map((o) => o.trim()).filter(Boolean);
  if (occupations.length) filter.occupations = occupations;
  const unknownPlaces = placesOf(filter, words(one(v, 'place')));
  if (unknownPlaces.length) problems.push({ key: 'audience-unknown-place', args: { places: unknownPlaces.join('、') } });
  const excluded = words(one(v, 'exclude'));
  if (excluded.length) filter.excluded = excluded;
  if (one(v, 'overdue') === '1') filter.overdue = true;
  if (one(v, 'nostudy') === '1') filter.didNotStudy = true;
  if (one(v, 'urgent') === '1') filter.urgent = true;
  // A browser sends a textarea's line breaks as CRLF; members get plain newlines.
  const text = one(v, 'text').replace(/\r\n?/g, '\n');
  if (text.length > MAX_TEXT) problems.push({ key: 'console-broadcasts-text-too-long', args: { max: MAX_TEXT } });
  const item = one(v, 'item');
  const out: Composed = { filter, text, problems };
  if (/^\d{1,9}$/.test(item) && Number(item) > 0) out.itemId = Number(item);
  if (one(v, 'when') === 'later') {
    const at = localToUtc(one(v, 'sendAt'), timezone);
    if (!at) problems.push({ key: 'console-broadcasts-bad-time' });
    else if (at.getTime() <= now.getTime()) problems.push({ key: 'console-broadcasts-time-past' });
    else if (at.getTime() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) problems.push({ key: 'console-broadcasts-time-far', args: { days: MAX_DAYS_AHEAD } });
    else out.sendAt = at;
  }
  return out;
}

/** '2026-11-20T18:30' on a person's clock → the instant, or undefined for anything else (or a time that does not exist there). */
export function localToUtc(value: string, timezone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wanted;
  // Two rounds settle any offset (a zone's offset at the guessed instant, then at the corrected one).
  for (let i = 0; i < 2; i++) {
    const l = localDate(new Date(guess), timezone);
    const minute = localMinute(new Date(guess), timezone);
    guess += wanted - Date.UTC(l.year, l.month - 1, l.day, l.hour, minute);
  }
  const l = localDate(new Date(guess), timezone);
  const ok = l.year === y && l.month === mo && l.day === d && l.hour === h && localMinute(new Date(guess), timezone) === mi;
  return ok ? new Date(guess) : undefined;
}

const localMinute = (at: Date, timezone: string) => Number(new Intl.DateTimeFormat('en-US', { timeZone: timezone, minute: 'numeric' }).format(at));

/** The occupations members of the subtree have, most common first: the choices the form offers. */
export async function occupationsUnder(db: DbOrTx, orgId: number, limit = 40): Promise<string[]> {
  const rows = await query<{ occupation: string }>(db, sql`
    select m.occupation from members m join organisations home on home.id = m.home_org_id
    where home.path like ${await subtreePattern(db, orgId)} and m.occupation is not null and m.occupation <> ''
    group by m.occupation order by count(*) desc, m.occupation limit ${limit}`);
  return rows.map((r) => r.occupation);
}
