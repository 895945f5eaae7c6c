import { MEMBER_STATUSES, type MemberStatus } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import { searchRegions } from '../../bot/regions/index.js';
import { idOf, NO_SUCH_ID } from '../args.js';

/** Who a broadcast goes to. Every part narrows; an empty part does not filter. */
export interface AudienceFilter {
  orgId: number;
  statuses?: MemberStatus[];
  /** true: 预备党员 only; false: 正式党员 only. */
  probationary?: boolean;
  occupations?: string[];
  /** Region code prefixes ('3301' for 杭州 and every district under it) or words found in the roster's 外出地点. */
  destinations?: string[];
  /** Names of people left out (排除=张三). */
  excluded?: string[];
  /** Has not made this month's report. */
  overdue?: boolean;
  /** Has not read a study item meant for them published in the last `studyDays` days. */
  didNotStudy?: boolean;
  studyDays?: number;
}

export type TypedFilter = Omit<AudienceFilter, 'orgId'> & { orgId?: number; urgent?: boolean };

/** The words secretaries use for a member's category (类别), short and long. */
const STATUS_WORDS: Record<string, MemberStatus> = {
  在家: 'resident', 在家党员: 'resident', 流动: 'mobile', 流动党员: 'mobile', 外出: 'mobile', 外出党员: 'mobile',
  返乡: 'returned', 返乡党员: 'returned', 下岗: 'laid_off', 失业: 'laid_off', 下岗党员: 'laid_off', 失业党员: 'laid_off',
  下岗失业: 'laid_off', 下岗失业党员: 'laid_off', 失联: 'lost_contact', 失联党员: 'lost_contact', 失去联系: 'lost_contact',
};

const FLAG_WORDS: Record<string, (f: TypedFilter) => void> = {
  未报到: (f) => (f.overdue = true), overdue: (f) => (f.overdue = true),
  未学习: (f) => (f.didNotStudy = true), nostudy: (f) => (f.didNotStudy = true),
  预备党员: (f) => (f.probationary = true), probationary: (f) => (f.probationary = true),
  正式党员: (f) => (f.probationary = false), full: (f) => (f.probationary = false),
  紧急: (f) => (f.urgent = true), urgent: (f) => (f.urgent = true),
};

const KEYED: Record<string, (f: TypedFilter, list: string[], value: string) => string[]> = {
  org: (f, _l, v) => ((f.orgId = idOf(v) ?? NO_SUCH_ID), []),
  occupation: (f, l) => ((f.occupations = [...(f.occupations ?? []), ...l]), []),
  destination: (f, l) => placesOf(f, l),
  exclude: (f, l) => ((f.excluded = [...(f.excluded ?? []), ...l]), []),
};
const KEY_WORDS: Record<string, keyof typeof KEYED> = {
  org: 'org', 组织: 'org', occupation: 'occupation', 职业: 'occupation', destination: 'destination', place: 'destination',
  地点: 'destination', 外出地点: 'destination', 所在地: 'destination', exclude: 'exclude', 排除: 'exclude', 除了: 'exclude', 不含: 'exclude',
};

/** A place typed by name is the region it names and everything under it; a name no region has is refused. */
export function placesOf(f: TypedFilter, names: string[]): string[] {
  const unknown: string[] = [];
  for (const name of names) {
    if (/^\d{2,6}$/.test(name)) {
      f.destinations = [...(f.destinations ?? []), name];
      continue;
    }
    const [region] = searchRegions(name, 1);
    if (!region) unknown.push(name);
    else f.destinations = [...(f.destinations ?? []), region.code.replace(/(00)+$/, '') || region.code, name];
  }
  return unknown;
}

export type ParsedAudience = { ok: true; filter: TypedFilter } | { ok: false; replies: Reply[] };

/**
 * '/audience 流动党员 职业=快递员 地点=杭州 排除=张三 未报到 未学习 org=7' → a filter (org defaults to the caller's
 * highest; an organisation typed by name has become its number before this, orgArg.ts). A word that is not a condition is refused with the list of those that are: a typo must never
 * widen a notice to the whole branch.
 */
export function parseAudience(arg: string): ParsedAudience {
  const f: TypedFilter = {};
  const unknownWords: string[] = [];
  const unknownPlaces: string[] = [];
  for (const token of arg.trim().split(/\s+/).filter(Boolean)) {
    const [key = '', value = ''] = token.split(/[=＝:：]/, 2) as [string, string?];
    const keyed = KEY_WORDS[key.toLowerCase()];
    const status = STATUS_WORDS[token] ?? ((MEMBER_STATUSES as readonly string[]).includes(token) ? (token as MemberStatus) : undefined);
    if (FLAG_WORDS[token.toLowerCase()]) FLAG_WORDS[token.toLowerCase()]!(f);
    else if (status) f.statuses = [...(f.statuses ?? []), status];
    else if (keyed && value) unknownPlaces.push(...KEYED[keyed]!(f, value.split(/[,，、]/).filter(Boolean), value));
    else unknownWords.push(token);
  }
  const replies: Reply[] = [];
  if (unknownWords.length) replies.push(reply('audience-unknown-words', { args: { words: unknownWords.join('、') } }));
  if (unknownPlaces.length) replies.push(reply('audience-unknown-place', { args: { places: unknownPlaces.join('、') } }));
  return replies.length ? { ok: false, replies } : { ok: true, filter: f };
}
