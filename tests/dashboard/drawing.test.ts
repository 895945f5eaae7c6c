import { describe, expect, it } from 'vitest';
import { provinces } from '../../src/bot/regions/index.js';
import { t } from '../../src/bot/i18n/index.js';
import { reportingChart } from '../../src/features/dashboard/charts.js';
import { mapRegions } from '../../src/features/dashboard/map.js';
import { CJK_FONTS, pngSize, svgToPng } from '../../src/features/dashboard/png.js';
import { renderSvg, withoutInlineStyle } from '../../src/features/dashboard/render.js';
import { existsSync } from 'node:fs';

const zh = (key: string, args?: Record<string, string | number>) => t('zh-CN', key, args);
const trend = ['2026-10', '2026-11'].map((period, i) => ({ period, reported: 3 + i, members: 10 }));

describe('drawing the charts', () => {
  it('matches every province of our region data to exactly one region of the map', async () => {
    const regions = await mapRegions();
    expect(regions.map((r) => r.code).sort()).toEqual(provinces().map((p) => p.code).sort());
  });

  it('leaves no inline style in the SVG (the console CSP refuses it): fonts become attributes', async () => {
    const svg = await renderSvg(reportingChart(trend, zh), { width: 400, height: 240 });
    expect(svg).not.toMatch(/<style|style="/);
    expect(svg).toMatch(/<text [^>]*font-size="12px"[^>]*font-family="sans-serif"[^>]*>报到人数<\/text>/);
    expect(withoutInlineStyle('<text style="font-size:12px;font-family:&quot;Noto Sans&quot;, sans-serif;">x</text>'))
      .toBe('<text font-size="12px" font-family="&quot;Noto Sans&quot;, sans-serif">x</text>');
  });

  it('makes a PNG of the asked width, with the CJK font when there is one, and without one still', async () => {
    const svg = await renderSvg(reportingChart(trend, zh, '幸福村党支部'), { width: 400, height: 240 });
    const plain = await svgToPng(svg, { width: 400, fonts: [{ file: '/nonexistent/font.ttc', family: 'None' }] });
    expect(plain.cjkFont).toBe(false);
    expect(pngSize(plain.data)).toEqual({ width: 400, height: 240 });
    const wide = await svgToPng(svg, { width: 800 });
    expect(pngSize(wide.data)).toEqual({ width: 800, height: 480 });
    expect(wide.cjkFont).toBe(CJK_FONTS.some((f) => existsSync(f.file)));
    expect(pngSize(Buffer.from('GIF89a not a png at all, long enough'))).toBeUndefined();
  });
});
