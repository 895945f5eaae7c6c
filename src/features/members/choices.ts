import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { childrenOf, provinces, regionName } from '../../bot/regions/index.js';

/** Inside the subtrees where the staff person holds any role: the organisations and liaisons they may filter by. */
const inMySubtrees = (staffId: number) => sql`exists (
  select 1 from staff_roles mine join organisations mo on mo.id = mine.org_id
  where mine.person_id = ${staffId} and o.path like mo.path || '%')`;

export interface OrgChoice {
  id: number;
  name: string;
  /** 0 for the highest organisation the person works in, 1 below it, … */
  depth: number;
}

/** The open organisations the person works in and below, in tree order. */
export async function orgChoices(db: DbOrTx, staffId: number): Promise<OrgChoice[]> {
  const rows = await query<{ id: number; name: string; path: string }>(db, sql`
    select o.id, o.name, o.path from organisations o
    where o.archived_at is null and ${inMySubtrees(staffId)}
    order by o.path, o.id`);
  const top = Math.min(...rows.map((r) => depthOf(r.path)));
  // Ordered by path as text ('/1/10/' before '/1/2/'): a parent still comes before its children.
  return rows.map((r) => ({ id: r.id, name: r.name, depth: depthOf(r.path) - top }));
}

const depthOf = (path: string) => path.split('/').length - 3;

/** A county's liaisons fit a list; more than this is a name to type instead. */
export const MAX_LIAISON_CHOICES = 200;

/** The liaisons of the organisations the person works in and below; `more` when there are too many to list. */
export async function liaisonChoices(db: DbOrTx, staffId: number): Promise<{ list: { id: number; name: string }[]; more: boolean }> {
  const rows = await query<{ id: number; name: string }>(db, sql`
    select p.id, p.name from persons p
    where p.id in (select sr.person_id from staff_roles sr join organisations o on o.id = sr.org_id where sr.role = 'liaison' and ${inMySubtrees(staffId)})
    order by p.name_initials collate "C", p.name collate "C", p.id
    limit ${MAX_LIAISON_CHOICES + 1}`);
  return { list: rows.slice(0, MAX_LIAISON_CHOICES), more: rows.length > MAX_LIAISON_CHOICES };
}

export interface PlaceChoice {
  code: string;
  name: string;
  cities: { code: string; name: string }[];
}

let places: Map<string, PlaceChoice[]> | undefined;

/** Provinces with their cities (a municipality's districts are not listed: the municipality is the choice). */
export function placeChoices(language: string): PlaceChoice[] {
  places ??= new Map();
  let list = places.get(language);
  if (!list) {
    list = provinces().map((p) => ({
      code: p.code, name: regionName(p, language),
      cities: childrenOf(p.code).filter((c) => c.level === 'city').map((c) => ({ code: c.code, name: regionName(c, language) })),
    }));
    places.set(language, list);
  }
  return list;
}
