import { ORG_KINDS, type OrgKind } from '../../db/schema/index.js';

/** The words offices write in a 类型 column, for each kind of organisation (the English names work too). */
const KIND_WORDS: Record<OrgKind, readonly string[]> = {
  county: ['县', '县委', '县级', '区县', '县委组织部'],
  township: ['乡镇', '乡', '镇', '乡镇党委', '镇党委', '乡党委'],
  street: ['街道', '街道党工委', '街道党委'],
  branch: ['支部', '党支部', '村党支部', '社区党支部', '党总支', '总支'],
  inflow: ['流入地', '流入地党组织', '流入地党支部', '流动党员党支部'],
  temporary_branch: ['临时党支部', '临时支部'],
  industry_group: ['行业', '行业党组织', '行业党委', '行业党支部'],
};

const LOOKUP = new Map<string, OrgKind>();
for (const kind of ORG_KINDS) {
  LOOKUP.set(kind, kind);
  for (const w of KIND_WORDS[kind]) LOOKUP.set(w, kind);
}

/** The kind a cell names, or undefined. */
export function kindOfWord(word: string): OrgKind | undefined {
  const w = word.normalize('NFKC').replace(/\s+/g, '');
  return LOOKUP.get(w) ?? LOOKUP.get(w.toLowerCase());
}
