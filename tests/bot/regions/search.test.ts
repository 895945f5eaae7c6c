import { describe, expect, it } from 'vitest';
import { searchRegions } from '../../../src/bot/regions/index.js';

const codes = (q: string, limit?: number): string[] => searchRegions(q, limit).map((r) => r.code);

describe('searchRegions', () => {
  it.each(['东莞', '东莞市', '广东东莞', '广东省东莞市', '广东 东莞', '广东省·东莞市'])('finds 东莞市 from %j', (q) => {
    expect(codes(q)[0]).toBe('441900');
  });

  it.each(['深圳南山', '深圳市南山区', '广东深圳南山区', '广东南山区', ' 深圳，南山 ', '深圳-南山区。'])(
    'finds 深圳 南山区 from %j',
    (q) => {
      expect(codes(q)).toEqual(['440305']);
    },
  );

  it('returns every 南山区 for the bare district name', () => {
    const found = codes('南山区');
    expect(found).toContain('440305');
    expect(found).toContain('230404');
  });

  it('puts a city before districts of the same name, exact before prefix', () => {
    const found = searchRegions('朝阳');
    expect(found[0]).toMatchObject({ name: '朝阳市', level: 'city' });
    expect(found.map((r) => r.code)).toContain('110105');
    const exactFirst = searchRegions('南山');
    expect(exactFirst.every((r) => r.name.startsWith('南山'))).toBe(true);
  });

  it('narrows an ambiguous district by its municipality', () => {
    expect(codes('北京朝阳')).toEqual(['110105']);
    expect(codes('北京市朝阳区')).toEqual(['110105']);
  });

  it('accepts full-width characters and stray punctuation', () => {
    expect(codes('ｓｈｅｎｚｈｅｎ')[0]).toBe('440300');
    expect(codes('　东莞！')[0]).toBe('441900');
  });

  it('accepts pinyin for provinces and prefecture-level cities', () => {
    expect(codes('shenzhen')[0]).toBe('440300');
    expect(codes('dongguan')[0]).toBe('441900');
    expect(codes('Cheng Du')[0]).toBe('510100');
    expect(codes('guangdong')[0]).toBe('440000');
  });

  it('knows the short names of provinces and autonomous regions', () => {
    expect(codes('新疆')[0]).toBe('650000');
    expect(codes('广西南宁')[0]).toBe('450100');
    expect(codes('内蒙古')[0]).toBe('150000');
    expect(codes('浦东')[0]).toBe('310115');
    expect(codes('恩施')[0]).toBe('422800');
  });

  it('matches a typed prefix when nothing matches exactly', () => {
    expect(codes('乌鲁木')).toContain('650100');
  });

  it('respects the limit', () => {
    expect(searchRegions('朝阳', 2)).toHaveLength(2);
    expect(searchRegions('朝阳', 0)).toEqual([]);
  });

  it.each(['', '   ', 'asdf', '火星', '东', '!!!', '12345', 'x'.repeat(500), '北京南山区'])(
    'returns nothing for nonsense %j',
    (q) => {
      expect(searchRegions(q)).toEqual([]);
    },
  );

  it('never throws on odd input', () => {
    expect(() => searchRegions(undefined as unknown as string)).not.toThrow();
    expect(searchRegions(null as unknown as string)).toEqual([]);
  });
});
