import { ADMIN1_TO_GB, COUNTRY_TO_GB, loadAdmin2 } from './geonames.js';

/**
 * English (pinyin) names of provinces and prefecture-level cities, from the GeoNames tables the GPS reduction
 * already uses. Districts have no English name in any data we ship: they keep their Chinese name.
 */
let names: Map<string, string> | undefined;

const COUNTRY_NAMES: Readonly<Record<string, string>> = { HK: 'Hong Kong', MO: 'Macao', TW: 'Taiwan' };
/** What GeoNames appends to a place's name: its kind ('Shi', 'Diqu', 'Zizhizhou') and the people of an autonomous area ('Zangzu'). */
const DESCRIPTORS = new Set(['shi', 'diqu', 'prefecture', 'zizhizhou', 'meng', 'county', 'city', 'region', 'district']);

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** 'Yushu Zangzu Zizhizhou' → 'Yushu', 'Hangzhou Shi' → 'Hangzhou'. */
function placeName(english: string): string {
  const words = english.split(/\s+/).filter(Boolean);
  while (words.length > 1 && (DESCRIPTORS.has(words.at(-1)!.toLowerCase()) || /zu$/i.test(words.at(-1)!))) words.pop();
  return words.join(' ');
}

function englishNames(): Map<string, string> {
  if (names) return names;
  names = new Map();
  for (const { gb, pinyin } of Object.values(ADMIN1_TO_GB)) names.set(gb, capitalised(pinyin));
  for (const [country, gb] of Object.entries(COUNTRY_TO_GB)) names.set(gb, COUNTRY_NAMES[country]!);
  for (const { code, name } of loadAdmin2()) {
    const m = /^CN\.\d{2}\.(\d{4})$/.exec(code);
    if (m) names.set(`${m[1]}00`, placeName(name));
  }
  return names;
}

/** A region's English name, if the data has one. */
export function englishName(code: string): string | undefined {
  return englishNames().get(code);
}
