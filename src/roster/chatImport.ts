import type { DbOrTx } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import { authorize } from '../features/access/authorize.js';
import { reply, type PersonFacts, type Reply } from '../bot/flow.js';
import type { Platform } from '../bot/types.js';
import { importRoster } from './import.js';
import { describeImport } from './report.js';
import { formatOf } from './sheet.js';

/** Downloading a platform file is the adapter's job; the core asks through this. */
export interface FileFetcher {
  fetch(platform: Platform, fileRef: string): Promise<{ data: Buffer; name?: string; mime?: string }>;
}

/** Files above this are refused before parsing: a branch roster is a few hundred rows. */
export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;

/**
 * A roster sent as a file by a secretary: imported into the organisations the sender manages, and only those
 * (each row's 所在支部 is checked with `authorize('roster.import')`). The result goes back as one message.
 */
export async function importRosterFile(
  db: DbOrTx, facts: PersonFacts, platform: Platform, file: { fileRef: string; mime?: string }, fetcher: FileFetcher, now: Date,
): Promise<Reply[]> {
  if (!facts.isStaff) return [reply('common-staff-only')];
  let fetched;
  try {
    fetched = await fetcher.fetch(platform, file.fileRef);
  } catch {
    return [reply('roster-file-unavailable')];
  }
  const format = formatOf(fetched.name) ?? formatOf(fetched.mime) ?? formatOf(file.mime);
  if (!format || fetched.data.length > MAX_ROSTER_BYTES) return [reply('roster-file-text', { args: { text: describeImport(facts.language, { fatal: 'unreadable', ignoredColumns: [], created: 0, updated: 0, unchanged: 0, errors: [], memberIds: [] }) } })];
  const report = await importRoster(db, fetched.data, format, {
    actorId: facts.personId,
    now,
    canUseOrg: (orgId) => authorize(db, facts.personId, 'roster.import', { kind: 'org', id: orgId }, now),
  });
  await db.insert(auditLog).values({
    actorId: facts.personId, action: 'roster.import.done', targetKind: 'members', at: now,
    details: { created: report.created, updated: report.updated, refused: report.errors.length, memberIds: report.memberIds },
  });
  return [reply('roster-file-text', { args: { text: describeImport(facts.language, report) } })];
}
