import type { ImportLine } from '../organisations/describeImport.js';
import type { StudyPlan, StudyRowPlan } from './planImport.js';

/** What the import will do with one row of the study plan (a catalogue key and its arguments). */
export function studyRowLine(p: StudyRowPlan): ImportLine {
  if (p.outcome === 'create') return { key: 'study-import-create', args: { row: p.row, date: p.publishOn, title: p.title, org: p.orgName, category: p.category } };
  if (p.outcome === 'exists') return { key: 'study-import-exists', args: { row: p.row, date: p.publishOn, title: p.title, org: p.orgName, id: p.id } };
  const { row, outcome: _outcome, ...problem } = p;
  return { key: 'study-import-problem', args: { row, ...problem } };
}

export function studySummaryLine(plan: StudyPlan): ImportLine {
  return { key: 'study-import-summary', args: { rows: plan.rows.length, create: plan.create, exists: plan.exists, problems: plan.problems } };
}
