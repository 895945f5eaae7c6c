import { describe, expect, it } from 'vitest';
import { regionAtPoint } from '../../../src/bot/regions/index.js';

describe('regionAtPoint', () => {
  it.each([
    ['central Dongguan', 23.0207, 113.7518, '441900'],
    ['Shenzhen Nanshan', 22.5333, 113.9304, '440300'],
    ['Shenzhen Futian', 22.5410, 114.0550, '440300'],
    ['Guangzhou Tianhe', 23.1250, 113.3610, '440100'],
    // Regression: unlabelled GeoNames places once turned Bao'an into the whole of 广东省.
    ['Shenzhen Bao\'an', 22.555, 113.883, '440300'],
    ['Kunshan (a county-level city of Suzhou)', 31.38, 120.98, '320500'],
    ['Taipei', 25.03, 121.56, '830000'],
    ['Chengdu', 30.6598, 104.0633, '510100'],
    ['Lhasa', 29.6500, 91.1000, '540100'],
    ['Urumqi', 43.8256, 87.6168, '650100'],
    ['Hong Kong Central', 22.2800, 114.1600, '810000'],
  ])('%s', (_label, lat, lng, code) => {
    expect(regionAtPoint(lat, lng)?.code).toBe(code);
  });

  it('gives Beijing for Tiananmen', () => {
    const r = regionAtPoint(39.9087, 116.3975);
    expect(r).toBeDefined();
    expect(['110000', '110101']).toContain(r!.code);
  });

  it('gives the municipality for Shanghai Pudong', () => {
    expect(regionAtPoint(31.2304, 121.5440)?.code).toBe('310000');
  });

  it.each([
    ['Paris', 48.8566, 2.3522],
    ['open Pacific', 20, 130],
    ['South China Sea', 15, 115],
    ['Pyongyang', 39.0392, 125.7625],
    ['Ulaanbaatar', 47.9, 106.9],
    ['Hanoi', 21.0278, 105.8342],
    ['null island', 0, 0],
  ])('returns nothing outside China: %s', (_label, lat, lng) => {
    expect(regionAtPoint(lat, lng)).toBeUndefined();
  });

  it('rejects impossible coordinates', () => {
    expect(regionAtPoint(Number.NaN, 113)).toBeUndefined();
    expect(regionAtPoint(91, 113)).toBeUndefined();
    expect(regionAtPoint(23, 181)).toBeUndefined();
  });
});
