import type { MemberStatus } from '../db/schema/index.js';
import type { Field } from './columns.js';

/** Why a row, or one cell of it, was not taken; the reports render these through the catalogue. */
export type RowProblem =
  | 'required' | 'too-long' | 'bad-phone' | 'bad-date' | 'ambiguous-date' | 'need-day' | 'bad-gender' | 'bad-ethnicity'
  | 'bad-status' | 'bad-category' | 'bad-id-number' | 'id-number-as-number' | 'id-number-15' | 'id-birth-mismatch' | 'id-gender-mismatch'
  | 'unknown-branch' | 'ambiguous-branch' | 'branch-out-of-scope' | 'other-branch' | 'no-branch'
  | 'duplicate-row' | 'shared-phone' | 'conflict-name' | 'conflict-phone' | 'conflict-id-number' | 'not-here' | 'bad-dues';

/** Problems that are conflicts with what is on record rather than mistakes in the sheet. */
export const CONFLICTS: readonly RowProblem[] = ['shared-phone', 'conflict-name', 'conflict-phone', 'conflict-id-number'];

export interface RowError {
  /** The row number on the sheet, as the secretary sees it. */
  row: number;
  field?: Field;
  problem: RowProblem;
  /** For duplicates: the row it repeats. */
  sameAs?: number;
  /** For a conflict inside the importer's own scope: the name on record (never for anyone outside it). */
  onRecord?: string;
  /** For a row refused as `not-here`: whom it matched, for the audit log only; no report shows it. */
  auditPersonId?: number;
}

/** One roster row, checked and normalised; undefined means the sheet said nothing (no column or an empty cell). */
export interface RosterRow {
  row: number;
  name: string;
  gender?: '男' | '女';
  ethnicity?: string;
  birthDate?: string;
  idNumber?: string;
  phone?: string;
  branch?: string;
  category?: MemberStatus;
  probationary?: boolean;
  joinedOn?: string;
  fullMemberOn?: string;
  probationEndsOn?: string;
  education?: string;
  employer?: string;
  occupation?: string;
  /** '2024-03' when the sheet gave the month only. */
  departedOn?: string;
  destination?: string;
  /** The region the 外出地点 names, when it names exactly one. */
  destinationCode?: string;
  contactName?: string;
  contactPhone?: string;
  contact?: string;
  /** 月缴党费 in fen (分): 20 元 → 2000; 免交 → 0. */
  monthlyDues?: number;
}

/** A field as it would change: old → new, both as the roster shows them. */
export interface FieldChange {
  field: Field;
  from: string;
  to: string;
}

export type RowOutcome =
  | { kind: 'new'; row: number; name: string; attachTo?: number }
  | { kind: 'update'; row: number; name: string; personId: number; changes: FieldChange[] }
  | { kind: 'unchanged'; row: number; personId: number }
  | { kind: 'error'; row: number; errors: RowError[] }
  | { kind: 'conflict'; row: number; errors: RowError[] };

/** What an import would do (preview) or did (apply): counts, and the rows behind them. */
export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
  conflicts: number;
  rows: number;
}
