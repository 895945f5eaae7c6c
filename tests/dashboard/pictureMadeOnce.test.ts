import { describe, expect, it, vi } from 'vitest';
import { t } from '../../src/bot/i18n/index.js';
import { reportingChart } from '../../src/features/dashboard/charts.js';
import { pngSize, svgToPng } from '../../src/features/dashboard/png.js';
import { renderSvg } from '../../src/features/dashboard/render.js';

/** resvg as it is, its pictures counted: laying out a chart's texts with the CJK font is most of a branch's /stats. */
const made = vi.hoisted(() => ({ count: 0 }));
vi.mock('@resvg/resvg-js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@resvg/resvg-js')>();
  class Counted extends actual.Resvg {
    constructor(...args: ConstructorParameters<typeof actual.Resvg>) {
      super(...args);
      made.count++;
    }
  }
  return { ...actual, Resvg: Counted, default: { ...actual, Resvg: Counted } };
});

const zh = (key: string, args?: Record<string, string | number>) => t('zh-CN', key, args);

describe('the /stats picture', () => {
  it('is drawn once for the same chart, and again for another chart or width; a caller changing its bytes changes no other', async () => {
    const trend = ['2026-10', '2026-11'].map((period, i) => ({ period, reported: 3 + i, members: 10 }));
    const svg = await renderSvg(reportingChart(trend, zh, '一次村党支部'), { width: 400, height: 240 });
    const first = await svgToPng(svg, { width: 400 });
    const before = made.count;
    const again = await svgToPng(svg, { width: 400 });
    expect(made.count).toBe(before);
    expect(again.data.equals(first.data)).toBe(true);
    expect(again.data).not.toBe(first.data);
    first.data.fill(0);
    again.data.fill(0);
    expect(pngSize((await svgToPng(svg, { width: 400 })).data)).toEqual({ width: 400, height: 240 });
    expect(made.count).toBe(before);

    await svgToPng(svg, { width: 800 });
    expect(made.count).toBe(before + 1);
    const other = await renderSvg(reportingChart(trend.map((m) => ({ ...m, reported: m.reported + 1 })), zh, '一次村党支部'), { width: 400, height: 240 });
    await svgToPng(other, { width: 400 });
    expect(made.count).toBe(before + 2);
  });
});
