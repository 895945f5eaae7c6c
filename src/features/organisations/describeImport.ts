import type { MessageArgs } from '../../bot/i18n/index.js';
import type { TreePlan, TreeRowPlan } from './treeImport.js';

/** A line of the preview, as a catalogue key and its arguments: each surface renders it in its reader's language. */
export interface ImportLine {
  key: string;
  args: MessageArgs;
}

/** What the import will do with one row of the tree. */
export function treeRowLine(p: TreeRowPlan): ImportLine {
  if (p.outcome === 'create') {
    return p.parent === null
      ? { key: 'org-import-create-top', args: { row: p.row, name: p.name, kind: p.kind } }
      : { key: 'org-import-create', args: { row: p.row, name: p.name, kind: p.kind, parent: p.parent.name } };
  }
  if (p.outcome === 'exists') {
    return p.under === undefined
      ? { key: 'org-import-exists', args: { row: p.row, name: p.name, id: p.id } }
      : { key: 'org-import-exists-elsewhere', args: { row: p.row, name: p.name, id: p.id, under: p.under ?? '—' } };
  }
  const { row, outcome: _outcome, ...problem } = p;
  return { key: 'org-import-problem', args: { row, ...problem } };
}

export function treeSummaryLine(plan: TreePlan): ImportLine {
  return { key: 'org-import-summary', args: { rows: plan.rows.length, create: plan.create, exists: plan.exists, problems: plan.problems } };
}
