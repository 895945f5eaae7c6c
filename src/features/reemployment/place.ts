import { describeRegion, regionByCode } from '../../bot/regions/index.js';

/**
 * Where a course or an opening is, as people read it: a place typed as a region code (441900) is written out
 * (广东省 东莞市); anything else stays as the branch wrote it (县职业技术学校).
 */
export function offerPlace(place: string, language = 'zh-CN'): string {
  const code = place.trim();
  return /^\d{6}$/.test(code) && regionByCode(code) ? describeRegion(code, language) : place;
}
