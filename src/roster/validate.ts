import { regionByCode, searchRegions } from '../bot/regions/index.js';
import type { Field } from './columns.js';
import { parseRosterDate } from './dates.js';
import type { RosterSheet } from './header.js';
import { LIMITS } from './limits.js';
import type { SheetRow } from './sheet.js';
import type { RosterRow, RowError, RowProblem } from './types.js';
import {
  CATEGORY_WORDS, clean, idNumberFacts, isMaskedIdNumber, parseDues, parseEthnicity, parseGender, parseIdNumber, parsePhone, STATUS_WORDS, wordOf,
} from './values.js';

/** Longest text kept in a free-text field (工作单位, 外出地点 …). */
const MAX_TEXT = 200;

const places = new Map<string, string | undefined>();

/** The region a 外出地点 names, when it names exactly one (广东东莞 → 441900); a bare region code is taken too. */
export function regionOfPlace(text: string): string | undefined {
  const t = clean(text);
  if (places.has(t)) return places.get(t);
  // A roster names the same few places again and again; the answers are kept (a bounded number of them).
  if (places.size > 5_000) places.clear();
  const found = /^\d{6}$/.test(t) ? regionByCode(t) : searchRegions(t, 2).length === 1 ? searchRegions(t, 1)[0] : undefined;
  places.set(t, found?.code);
  return found?.code;
}

type Cells = Partial<Record<Field, { text: string; lossy: boolean }>>;

function cellsOf(row: SheetRow, columns: RosterSheet['columns']): Cells {
  const cells: Cells = {};
  columns.forEach((f, i) => {
    if (f) cells[f] = { text: clean(row.cells[i]), lossy: row.lossy?.includes(i) ?? false };
  });
  return cells;
}

/** Checks one row completely before anything is looked up: either a whole `RosterRow` or every problem in it. */
export function validateRow(sheetRow: SheetRow, columns: RosterSheet['columns']): { ok: RosterRow } | { errors: RowError[] } {
  const row = sheetRow.row;
  const cells = cellsOf(sheetRow, columns);
  const errors: RowError[] = [];
  const fail = (field: Field, problem: RowProblem) => errors.push({ row, field, problem });
  const out: RosterRow = { row, name: cells.name?.text ?? '' };
  for (const [f, c] of Object.entries(cells) as [Field, { text: string }][]) {
    if (c.text.length > (f === 'name' ? 50 : MAX_TEXT) || c.text.length > LIMITS.cellChars) fail(f, 'too-long');
  }
  if (!out.name) fail('name', 'required');
  const text = (f: Field) => cells[f]?.text || undefined;
  readIdentity(cells, out, fail);
  readDates(cells, out, fail);
  readWords(cells, out, fail);
  for (const f of ['branch', 'education', 'employer', 'occupation', 'contactName', 'contact'] as const) {
    const v = text(f);
    if (v) out[f] = v;
  }
  const dues = text('monthlyDues');
  if (dues) {
    const fen = parseDues(dues);
    if (fen === undefined) fail('monthlyDues', 'bad-dues');
    else out.monthlyDues = fen;
  }
  const place = text('destination');
  if (place) {
    out.destination = place;
    const code = regionOfPlace(place);
    if (code) out.destinationCode = code;
  }
  if (errors.some((e) => e.problem === 'too-long')) return { errors: errors.filter((e) => e.problem === 'too-long' || e.problem === 'required') };
  return errors.length > 0 ? { errors } : { ok: out };
}

type Fail = (field: Field, problem: RowProblem) => void;

function readIdentity(cells: Cells, out: RosterRow, fail: Fail): void {
  const id = cells.idNumber;
  if (id?.text && !isMaskedIdNumber(id.text)) {
    const parsed = parseIdNumber(id.text, id.lossy);
    if ('ok' in parsed) out.idNumber = parsed.ok;
    else fail('idNumber', parsed.problem);
  }
  for (const f of ['phone', 'contactPhone'] as const) {
    const raw = cells[f]?.text;
    if (!raw) continue;
    const p = parsePhone(raw);
    if (!p) fail(f, 'bad-phone');
    else {
      out[f] = p.phone;
      // A second number in the member's phone cell is kept where other ways to reach them go.
      if (f === 'phone' && p.more.length && !cells.contact?.text) out.contact = p.more.join(' ');
    }
  }
  const gender = cells.gender?.text;
  if (gender) {
    const g = parseGender(gender);
    if (g) out.gender = g;
    else fail('gender', 'bad-gender');
  }
}

function readDates(cells: Cells, out: RosterRow, fail: Fail): void {
  for (const f of ['birthDate', 'joinedOn', 'fullMemberOn', 'probationEndsOn', 'departedOn'] as const) {
    const raw = cells[f]?.text;
    if (!raw) continue;
    const d = parseRosterDate(raw);
    if ('problem' in d) fail(f, d.problem);
    else if (f === 'probationEndsOn' && d.ok.length === 7) fail(f, 'need-day');
    else out[f] = d.ok;
  }
  if (out.idNumber) {
    const facts = idNumberFacts(out.idNumber);
    if (out.birthDate && !facts.birthDate.startsWith(out.birthDate)) fail('birthDate', 'id-birth-mismatch');
    if (out.gender && out.gender !== facts.gender) fail('gender', 'id-gender-mismatch');
  }
}

function readWords(cells: Cells, out: RosterRow, fail: Fail): void {
  const ethnicity = cells.ethnicity?.text;
  if (ethnicity) {
    const e = parseEthnicity(ethnicity);
    if (e) out.ethnicity = e;
    else fail('ethnicity', 'bad-ethnicity');
  }
  const status = cells.status?.text;
  if (status) {
    const s = STATUS_WORDS[wordOf(status)];
    if (s === undefined) fail('status', 'bad-status');
    else out.probationary = s;
  }
  const category = cells.category?.text;
  if (category) {
    const word = wordOf(category);
    const c = CATEGORY_WORDS[word];
    // Some rosters write 预备党员 / 正式党员 under 党员类别: that is the membership status, not a category.
    if (c) out.category = c;
    else if (STATUS_WORDS[word] !== undefined && !['是', '否'].includes(word) && out.probationary === undefined) out.probationary = STATUS_WORDS[word];
    else fail('category', 'bad-category');
  }
}
