import { describe, expect, it } from 'vitest';
import { childrenOf, describeRegion, provinces, regionByCode, regionPath } from '../../../src/bot/regions/index.js';

describe('region tree', () => {
  it('has 34 provincial-level regions including 港澳台', () => {
    const all = provinces();
    expect(all).toHaveLength(34);
    const names = all.map((p) => p.name);
    expect(names).toContain('广东省');
    expect(names).toContain('香港特别行政区');
    expect(names).toContain('澳门特别行政区');
    expect(names).toContain('台湾省');
    expect(all.every((p) => p.level === 'province' && p.parentCode === undefined)).toBe(true);
  });

  it('returns copies, so callers cannot corrupt the shared tree', () => {
    provinces().pop();
    childrenOf('440000').pop();
    expect(provinces()).toHaveLength(34);
    expect(childrenOf('440000').some((c) => c.name === '潮州市' || c.name === '云浮市')).toBe(true);
  });

  it('lists cities of a province and districts of a city', () => {
    const gd = childrenOf('440000');
    expect(gd.every((c) => c.level === 'city' && c.parentCode === '440000')).toBe(true);
    expect(gd.map((c) => c.name)).toEqual(expect.arrayContaining(['广州市', '深圳市', '东莞市']));
    const sz = childrenOf('440300');
    expect(sz.map((d) => d.name)).toContain('南山区');
    expect(sz.every((d) => d.level === 'district')).toBe(true);
  });

  it('hangs municipality districts directly off the municipality', () => {
    const bj = childrenOf('110000');
    expect(bj.map((d) => d.name)).toContain('朝阳区');
    expect(bj.every((d) => d.level === 'district' && d.parentCode === '110000')).toBe(true);
  });

  it('looks codes up and walks the path upwards', () => {
    expect(regionByCode('441900')).toEqual({ code: '441900', name: '东莞市', level: 'city', parentCode: '440000' });
    expect(regionByCode('999999')).toBeUndefined();
    expect(regionPath('440305').map((r) => r.name)).toEqual(['广东省', '深圳市', '南山区']);
    expect(regionPath('110105').map((r) => r.name)).toEqual(['北京市', '朝阳区']);
    expect(regionPath('nope')).toEqual([]);
  });

  it('describes a region the way people write an address', () => {
    expect(describeRegion('441900')).toBe('广东省 东莞市');
    expect(describeRegion('440305')).toBe('广东省 深圳市 南山区');
    expect(describeRegion('110105')).toBe('北京市 朝阳区');
    expect(describeRegion('310115')).toBe('上海市 浦东新区');
    expect(describeRegion('110000')).toBe('北京市');
    expect(describeRegion('')).toBe('');
  });
});
