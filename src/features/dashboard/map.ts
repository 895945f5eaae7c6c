import { provinces, regionName } from '../../bot/regions/index.js';
import { provinceMapChart, type Translate } from './charts.js';
import type { ProvinceCount } from './places.js';
import { chinaGeoJson, renderSvg, type ChartSize } from './render.js';

/** A region of the map and the province it is in our region data (the map says 广西, the data 广西壮族自治区). */
export interface MapRegion {
  mapName: string;
  code: string;
}

let regions: Promise<MapRegion[]> | undefined;

/** The map's regions matched to province codes by name, in the map's order. */
export function mapRegions(): Promise<MapRegion[]> {
  regions ??= chinaGeoJson().then((json) => json.features.flatMap((f) => {
    const name = f.properties.name;
    const province = provinces().find((p) => p.name.startsWith(name));
    return province ? [{ mapName: name, code: province.code }] : [];
  }));
  return regions;
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The map of China, each province coloured by how many members are there. With `href`, each province is a link
 * (to the members list filtered by it) titled with its name and count: plain SVG links, no script.
 */
export async function provinceMapSvg(counts: ProvinceCount[], t: Translate, language: string, size: ChartSize, href?: (code: string) => string): Promise<string> {
  const all = await mapRegions();
  const byCode = new Map(counts.map((c) => [c.code, c.count]));
  const values = all.map((r) => byCode.get(r.code) ?? 0);
  const names = all.map((r) => regionName(provinces().find((p) => p.code === r.code)!, language).replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, ''));
  const svg = await renderSvg(provinceMapChart(all.map((r) => r.mapName), values, t, names), size, { map: true });
  // Each region's shape carries its series and data index (ECharts' SSR metadata): data index i is all[i].
  return svg.replace(/<path ([^>]*?)ecmeta_series_index="0" ecmeta_data_index="(\d+)"([^>]*)><\/path>/g, (whole, before: string, index: string, after: string) => {
    const region = all[Number(index)];
    if (!region) return whole;
    const province = provinces().find((p) => p.code === region.code)!;
    const title = escapeXml(t('dashboard-map-region', { place: regionName(province, language), count: values[Number(index)] ?? 0 }));
    const shape = `<path ${before}data-province="${region.code}" data-count="${values[Number(index)] ?? 0}"${after}><title>${title}</title></path>`;
    return href ? `<a href="${escapeXml(href(region.code))}">${shape}</a>` : shape;
  });
}
