import type { DbOrTx } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import type { ImportResult } from './importer.js';

/**
 * The import in the audit log, ids and counts only: what the preview found, what the apply wrote (member ids),
 * and the rows refused because they matched someone outside the importer's scope (row and person ids), for
 * the higher-level organisation to look into: the importer was told nothing about them.
 */
export async function auditImport(
  db: DbOrTx, actorId: number | null, action: 'roster.import.preview' | 'roster.import.apply', r: ImportResult, now: Date, target: { kind: string; id?: number | null },
): Promise<void> {
  const notHere = r.outcomes.flatMap((o) => (o.kind === 'error' ? o.errors.filter((e) => e.problem === 'not-here') : []))
    .map((e) => ({ row: e.row, personId: e.auditPersonId }));
  await db.insert(auditLog).values({
    actorId, action, targetKind: target.kind, targetId: target.id == null ? null : String(target.id), at: now,
    details: { ...r.summary, createdIds: r.createdIds, updatedIds: r.updatedIds, ...(notHere.length ? { outsideScope: notHere } : {}) },
  });
}
