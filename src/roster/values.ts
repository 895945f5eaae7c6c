import type { MemberStatus } from '../db/schema/index.js';
import { parseYuan } from '../features/dues/months.js';

/** Cells are compared and stored after this: full-width digits and letters become ASCII, spaces trimmed. */
export const clean = (v: string | undefined) => (v ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();

/**
 * A mobile number (11 digits from 1, with or without +86, spaces or dashes) or a landline with its area code
 * (0755-12345678, 010 87654321, an extension after 转 or -). Mobile numbers are stored as bare digits,
 * landlines as area-number[-extension]. Several numbers in one cell: the first is the phone, the rest returned.
 */
export function parsePhone(raw: string): { phone: string; more: string[] } | undefined {
  const parts = clean(raw).split(/[/／、，,;；]|\s{2,}/).map((p) => p.trim()).filter(Boolean);
  const phones: string[] = [];
  for (const part of parts) {
    const p = normalisePhone(part);
    if (!p) return undefined;
    phones.push(p);
  }
  return phones.length === 0 ? undefined : { phone: phones[0]!, more: phones.slice(1) };
}

function normalisePhone(part: string): string | undefined {
  const compact = part.replace(/[\s()（）]/g, '');
  const mobile = compact.replace(/-/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return mobile;
  const landline = /^(0\d{2,3})-?(\d{7,8})(?:(?:转|-|ext\.?)(\d{1,6}))?$/i.exec(compact.replace(/^\+?86-?/, '0').replace(/^00/, '0'));
  if (landline) return [landline[1], landline[2], landline[3]].filter(Boolean).join('-');
  return undefined;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdProblem = 'bad-id-number' | 'id-number-as-number' | 'id-number-15';

/** 公民身份号码 per GB 11643: 17 digits, a check character (0-9 or X), a real birth date inside. */
export function parseIdNumber(raw: string, lossy: boolean): { ok: string } | { problem: IdProblem } {
  const v = clean(raw).replace(/\s/g, '').toUpperCase();
  if (lossy || /E\+\d+$/.test(v)) return { problem: 'id-number-as-number' };
  if (/^\d{15}$/.test(v)) return { problem: 'id-number-15' };
  if (!/^\d{17}[\dX]$/.test(v)) return { problem: 'bad-id-number' };
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(v[i]), 0);
  if (ID_CHECK[sum % 11] !== v[17]) return { problem: 'bad-id-number' };
  const [y, m, d] = [Number(v.slice(6, 10)), Number(v.slice(10, 12)), Number(v.slice(12, 14))];
  const born = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d) return { problem: 'bad-id-number' };
  return { ok: v };
}

/** The birth date and sex a 身份证号 carries, to check the row's own 出生日期 and 性别 against. */
export function idNumberFacts(id: string): { birthDate: string; gender: '男' | '女' } {
  return { birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, gender: Number(id[16]) % 2 === 1 ? '男' : '女' };
}

/** Shown to anyone but the member's own secretary: the region and the last four stay, the birth date goes. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** A masked number in a re-imported export says nothing: it is neither a change nor an error. */
export const isMaskedIdNumber = (v: string) => /^\d{3}\*{11}[\dX]{4}$/i.test(v.replace(/\s/g, ''));

export function parseGender(raw: string): '男' | '女' | undefined {
  const v = clean(raw);
  if (['男', '男性', '男士'].includes(v)) return '男';
  if (['女', '女性', '女士'].includes(v)) return '女';
  return undefined;
}

const ETHNIC_GROUPS = (
  '汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 ' +
  '仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺'
).split(' ');

/** 民族: one of the 56, written with or without 族 ('汉' → '汉族'). */
export function parseEthnicity(raw: string): string | undefined {
  const v = clean(raw).replace(/族$/, '');
  return ETHNIC_GROUPS.includes(v) ? `${v}族` : undefined;
}

/** 人员类别: where the member stands in life. A category, not a membership status. */
export const CATEGORY_WORDS: Record<string, MemberStatus> = {
  流动党员: 'mobile', 流动: 'mobile', 外出: 'mobile', 外出党员: 'mobile', 外出务工: 'mobile', 外出务工党员: 'mobile', 外出经商: 'mobile',
  外出流动党员: 'mobile', 务工: 'mobile', 在外务工: 'mobile',
  下岗失业党员: 'laid_off', 下岗: 'laid_off', 失业: 'laid_off', 下岗党员: 'laid_off', 失业党员: 'laid_off', 下岗失业: 'laid_off',
  在家党员: 'resident', 在家: 'resident', 居家: 'resident', 本地: 'resident', 在村: 'resident',
  返乡党员: 'returned', 返乡: 'returned', 已返乡: 'returned', 回乡: 'returned',
  失去联系: 'lost_contact', 失联: 'lost_contact', 失联党员: 'lost_contact',
};
export const CATEGORY_LABELS: Record<MemberStatus, string> = {
  resident: '在家党员', mobile: '流动党员', returned: '返乡党员', laid_off: '下岗失业党员', lost_contact: '失去联系',
};

/** 正式党员 / 预备党员: membership status, true for probationary. Some rosters write it in the category column. */
export const STATUS_WORDS: Record<string, boolean> = {
  预备党员: true, 预备: true, 预备期: true, 是: true,
  正式党员: false, 正式: false, 否: false,
};
export const STATUS_LABEL = (probationary: boolean) => (probationary ? '预备党员' : '正式党员');

export const wordOf = (raw: string) => clean(raw).replace(/[()（）]/g, '');

/** Words for a member exempt from dues (生活困难党员 may be): an amount of nothing. */
const EXEMPT = new Set(['免交', '免缴', '免', '减免', '免交党费']);

/**
 * 月缴党费 as secretaries write it: 20, 20元, 20.50, ¥20, 20元/月, 每月20元, 免交 → fen (2000 …, 0);
 * anything else (a range, a percentage, words) → undefined.
 */
export function parseDues(raw: string): number | undefined {
  const v = clean(raw).replace(/\s/g, '');
  if (EXEMPT.has(v)) return 0;
  const m = /^(?:每月|月)?(?:[¥￥]|RMB|人民币)?(\d{1,6}(?:\.\d{1,2})?)(?:元)?(?:\/月|每月|\/每月)?$/i.exec(v);
  return m ? parseYuan(m[1]) : undefined;
}
