/**
 * The 花名册 columns: what each field is called on the sheets secretaries keep, and the layout the export writes
 * (which the import reads back unchanged).
 */
export const FIELDS = [
  'name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'phone', 'branch', 'category', 'status', 'joinedOn', 'fullMemberOn',
  'probationEndsOn', 'education', 'employer', 'occupation', 'departedOn', 'destination', 'contactName', 'contactPhone', 'contact', 'monthlyDues',
] as const;
export type Field = (typeof FIELDS)[number];

/** The column name the export writes and the reports use, per field. */
export const FIELD_LABELS: Record<Field, string> = {
  name: '姓名', gender: '性别', ethnicity: '民族', birthDate: '出生日期', idNumber: '身份证号', phone: '手机号码', branch: '所在支部',
  category: '人员类别', status: '党员状态', joinedOn: '入党时间', fullMemberOn: '转正时间', probationEndsOn: '预备期满时间',
  education: '学历', employer: '工作单位', occupation: '职业', departedOn: '外出时间', destination: '外出地点',
  contactName: '联系人', contactPhone: '联系人电话', contact: '联系方式', monthlyDues: '月缴党费（元）',
};

/** Other names for the same column, as they appear on real rosters (after `normaliseHeader`). */
const SYNONYMS: Record<Field, string[]> = {
  name: ['党员姓名', '名字', '姓名(党员)'],
  gender: ['性別'],
  ethnicity: ['族别'],
  birthDate: ['出生年月', '出生年月日', '出生时间', '生日'],
  idNumber: ['身份证号码', '公民身份号码', '身份证', '身份证件号码', '公民身份证号码', '身份证号(18位)'],
  phone: ['手机', '手机号', '联系电话', '电话', '电话号码', '本人电话', '本人手机', '移动电话', '联系手机'],
  branch: ['支部名称', '支部', '所在党支部', '党支部', '所属支部', '所在党组织'],
  category: ['党员类别', '类别', '党员类型', '人员类型', '党员分类'],
  status: ['是否预备党员', '党员身份', '党籍状态', '正式/预备', '正式或预备'],
  joinedOn: ['入党日期', '入党年月', '入党时间(年月)'],
  fullMemberOn: ['转正日期', '转正年月'],
  probationEndsOn: ['预备期满日期', '预备期满'],
  education: ['文化程度', '最高学历', '学历学位'],
  employer: ['现工作单位', '单位', '务工单位', '工作单位及职务', '现单位', '就业单位'],
  occupation: ['从事职业', '工作岗位', '职业(工种)', '工种'],
  departedOn: ['外出日期', '外出年月', '流出时间', '外出务工时间'],
  destination: ['流动去向', '外出去向', '流入地', '外出务工地点', '务工地点', '现居住地', '外出地', '去向'],
  contactName: ['紧急联系人', '家庭联系人', '联系人姓名'],
  contactPhone: ['紧急联系人电话', '联系人手机', '家属电话', '联系人联系电话', '紧急联系电话'],
  contact: ['其他联系方式', '微信', '微信号', '联系地址'],
  // 党费 as rosters write it; a unit in brackets (党费(元/月)) is dropped when the header is read.
  monthlyDues: [
    '党费', '月缴党费', '每月党费', '月党费', '月交党费', '每月交党费', '每月应交党费', '月应交党费', '应交党费', '应缴党费', '月应缴党费',
    '每月缴纳党费', '每月交纳党费', '月缴纳党费', '月交纳党费', '党费金额', '党费标准', '交纳党费标准', '缴纳党费标准', '党费缴纳标准', '月缴纳额',
  ],
};

/** Columns that are no field but are no surprise either: not reported as unknown. */
const SILENT = new Set(['序号', '编号', '序', 'No', 'NO', 'no']);

/** What a header cell means once its decorations are gone: '手机号码（必填）*' → '手机号码'. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[*:：]/g, '')
    .replace(/\((必填|选填|格式[^)]*|年月[日]?|18位|如[^)]*)\)$/, '');
}

const LOOKUP = new Map<string, Field>();
for (const f of FIELDS) {
  LOOKUP.set(FIELD_LABELS[f], f);
  for (const s of SYNONYMS[f]) LOOKUP.set(normaliseHeader(s), f);
}

/** The field a header cell names, 'silent' for a 序号 column, or undefined for a column not known. */
export function fieldOfHeader(cell: string): Field | 'silent' | undefined {
  const h = normaliseHeader(cell);
  if (!h) return undefined;
  if (SILENT.has(h)) return 'silent';
  return LOOKUP.get(h) ?? LOOKUP.get(h.replace(/\(.*\)$/, ''));
}

/** The export's header, in order. */
export const EXPORT_FIELDS: readonly Field[] = FIELDS;
export const EXPORT_HEADER: readonly string[] = EXPORT_FIELDS.map((f) => FIELD_LABELS[f]);
