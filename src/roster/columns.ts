import type { MemberStatus } from '../db/schema/index.js';

/** The 花名册 columns, named exactly as secretaries write them. */
export const ROSTER_COLUMNS = [
  '姓名', '性别', '手机号码', '所在支部', '党员类别', '外出时间', '外出地点', '工作单位', '职业', '联系方式', '是否预备党员', '预备期满时间',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly RosterColumn[] = ['姓名', '所在支部'];

export const STATUS_WORDS: Record<string, MemberStatus> = {
  在家党员: 'resident', 流动党员: 'mobile', 返乡党员: 'returned', 已返乡: 'returned', 下岗失业党员: 'laid_off', 失去联系: 'lost_contact', 失联党员: 'lost_contact',
};
export const STATUS_LABELS: Record<MemberStatus, string> = {
  resident: '在家党员', mobile: '流动党员', returned: '返乡党员', laid_off: '下岗失业党员', lost_contact: '失去联系',
};

/** Why a cell was refused; the chat and the CLI render these through the catalogue. */
export type RowProblem =
  | 'required' | 'bad-phone' | 'bad-date' | 'bad-gender' | 'bad-yes-no' | 'bad-status'
  | 'unknown-branch' | 'ambiguous-branch' | 'branch-out-of-scope' | 'duplicate-row' | 'phone-taken' | 'too-long';

export interface RowError {
  /** The spreadsheet row number as the secretary sees it (header is row 1 when it is the first row). */
  row: number;
  column?: RosterColumn;
  problem: RowProblem;
  /** For duplicates: the row it repeats. */
  sameAs?: number;
}

export interface RosterRow {
  row: number;
  name: string;
  gender: string | null;
  phone: string | null;
  branch: string;
  status: MemberStatus | null;
  departedOn: string | null;
  destination: string | null;
  employer: string | null;
  occupation: string | null;
  contact: string | null;
  probationary: boolean | null;
  probationEndsOn: string | null;
}

const MAX_CELL = 200;

export function normaliseHeader(h: string): string {
  return h.normalize('NFKC').replace(/\s+/g, '').replace(/[*＊]/g, '');
}

function normaliseDate(v: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Checks one row completely before anything is written: a row is either all good or reported. */
export function validateRow(row: number, cells: Partial<Record<RosterColumn, string>>): { ok: RosterRow } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const get = (c: RosterColumn) => (cells[c] ?? '').normalize('NFKC').trim();
  for (const c of ROSTER_COLUMNS) if (get(c).length > MAX_CELL) errors.push({ row, column: c, problem: 'too-long' });
  for (const c of REQUIRED_COLUMNS) if (!get(c)) errors.push({ row, column: c, problem: 'required' });
  const phoneRaw = get('手机号码').replace(/[\s-]/g, '').replace(/^\+?86/, '');
  if (phoneRaw && !/^1\d{10}$/.test(phoneRaw)) errors.push({ row, column: '手机号码', problem: 'bad-phone' });
  const gender = get('性别');
  if (gender && !['男', '女'].includes(gender)) errors.push({ row, column: '性别', problem: 'bad-gender' });
  const dates: Record<string, string | null> = {};
  for (const c of ['外出时间', '预备期满时间'] as const) {
    const v = get(c);
    const d = v ? normaliseDate(v) : null;
    if (d === undefined) errors.push({ row, column: c, problem: 'bad-date' });
    dates[c] = d ?? null;
  }
  const yesNo = get('是否预备党员');
  if (yesNo && !['是', '否'].includes(yesNo)) errors.push({ row, column: '是否预备党员', problem: 'bad-yes-no' });
  const statusWord = get('党员类别');
  if (statusWord && !STATUS_WORDS[statusWord]) errors.push({ row, column: '党员类别', problem: 'bad-status' });
  if (errors.length > 0) return { errors };
  const opt = (c: RosterColumn) => get(c) || null;
  return {
    ok: {
      row, name: get('姓名'), gender: gender || null, phone: phoneRaw || null, branch: get('所在支部'),
      status: statusWord ? STATUS_WORDS[statusWord]! : null, departedOn: dates['外出时间']!, destination: opt('外出地点'),
      employer: opt('工作单位'), occupation: opt('职业'), contact: opt('联系方式'),
      probationary: yesNo ? yesNo === '是' : null, probationEndsOn: dates['预备期满时间']!,
    },
  };
}
