import { regionTree, type Region, type RegionTree } from './data.js';
import { ADMIN1_TO_GB, loadAdmin2 } from './geonames.js';

/** Longest first, so that '自治州' is cut before '州' would be, and '新区' before '区'. */
const SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '地区', '林区', '新区', '省', '市', '区', '县', '盟', '旗'];

/** How a name matched; lower is better. */
const FULL = 0;
const SHORT = 1;
const PREFIX = 2;

interface NameEntry {
  text: string;
  region: Region;
  kind: typeof FULL | typeof SHORT;
}

interface SearchIndex {
  byFirstChar: Map<string, NameEntry[]>;
  order: Map<string, number>;
  pinyin: Map<string, Region[]>;
}

let index: SearchIndex | undefined;

/** What people drop when they name a place: '广东省' → '广东', '延边朝鲜族自治州' → '延边'. */
function shortNames(name: string): string[] {
  const out = new Set<string>();
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix)) {
      out.add(name.slice(0, -suffix.length));
      break;
    }
  }
  // Autonomous areas are called by their first two characters (广西, 新疆, 恩施); the few with longer place names
  // (西双版纳傣族自治州) are still found by their full name or a typed prefix.
  if (name.includes('自治') || name.includes('族')) out.add(name.slice(0, 2));
  return [...out].filter((s) => s.length >= 2 && s !== name);
}

/** GeoNames' English admin2 names carry descriptors after the place: 'Dongguan Shi', 'Aksu Diqu'. */
function pinyinKey(english: string): string {
  const word = english.toLowerCase().split(/[\s-]+/)[0] ?? '';
  return word.normalize('NFD').replace(/[^a-z]/g, '');
}

function buildIndex(tree: RegionTree): SearchIndex {
  const byFirstChar = new Map<string, NameEntry[]>();
  const order = new Map<string, number>();
  const add = (e: NameEntry): void => {
    const key = e.text[0]!;
    const list = byFirstChar.get(key);
    if (list) list.push(e);
    else byFirstChar.set(key, [e]);
  };
  tree.all.forEach((region, i) => {
    order.set(region.code, i);
    add({ text: region.name, region, kind: FULL });
    for (const s of shortNames(region.name)) add({ text: s, region, kind: SHORT });
  });
  const pinyin = new Map<string, Region[]>();
  const addPinyin = (key: string, code: string): void => {
    const region = tree.byCode.get(code);
    if (!key || !region) return;
    const list = pinyin.get(key);
    if (!list) pinyin.set(key, [region]);
    else if (!list.includes(region)) list.push(region);
  };
  for (const { gb, pinyin: key } of Object.values(ADMIN1_TO_GB)) addPinyin(key, gb);
  for (const { code, name } of loadAdmin2()) {
    const m = /^CN\.\d{2}\.(\d{4})$/.exec(code);
    if (m) addPinyin(pinyinKey(name), `${m[1]}00`);
  }
  return { byFirstChar, order, pinyin };
}

function searchIndex(): SearchIndex {
  index ??= buildIndex(regionTree());
  return index;
}

/** Full-width letters and digits become ASCII (NFKC); spaces, punctuation and a leading 中国 carry nothing. */
export function normalizeQuery(query: string): string {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(/^中国/, '');
}

function isUnder(region: Region, ancestor: Region | undefined, tree: RegionTree): boolean {
  if (!ancestor) return true;
  let code = region.parentCode;
  while (code) {
    if (code === ancestor.code) return true;
    code = tree.byCode.get(code)?.parentCode;
  }
  return false;
}

const LEVEL_RANK: Record<Region['level'], number> = { province: 0, city: 0, district: 1 };

export function searchRegions(query: string, limit = 5): Region[] {
  if (typeof query !== 'string' || limit <= 0) return [];
  const q = normalizeQuery(query);
  if (!q) return [];
  const tree = regionTree();
  const idx = searchIndex();
  const best = new Map<string, { region: Region; score: number }>();
  const record = (region: Region, kind: number, context: boolean): void => {
    // A match reached through a named parent ('深圳南山') outranks the same kind of match on its own.
    const score = kind * 10 + LEVEL_RANK[region.level] * 2 + (context ? 0 : 1);
    const prev = best.get(region.code);
    if (!prev || score < prev.score) best.set(region.code, { region, score });
  };

  if (/^[a-z]+$/.test(q)) {
    for (const [key, regions] of idx.pinyin) {
      const kind = key === q ? SHORT : q.length >= 3 && key.startsWith(q) ? PREFIX : -1;
      if (kind >= 0) for (const r of regions) record(r, kind, false);
    }
  }

  // Reads the query as a chain of ever smaller places, each inside the one before; levels may be skipped.
  const walk = (pos: number, ancestor: Region | undefined, depth: number): void => {
    if (depth > 3) return;
    const rest = q.slice(pos);
    for (const e of idx.byFirstChar.get(q[pos]!) ?? []) {
      if (e.region === ancestor || !isUnder(e.region, ancestor, tree)) continue;
      if (rest.startsWith(e.text)) {
        if (rest.length === e.text.length) record(e.region, e.kind, ancestor !== undefined);
        else walk(pos + e.text.length, e.region, depth + 1);
      } else if (e.text.startsWith(rest) && (ancestor || rest.length >= 2)) {
        record(e.region, PREFIX, ancestor !== undefined);
      }
    }
  };
  walk(0, undefined, 0);

  return [...best.values()]
    .sort((a, b) => a.score - b.score || (idx.order.get(a.region.code)! - idx.order.get(b.region.code)!))
    .slice(0, limit)
    .map((x) => x.region);
}
