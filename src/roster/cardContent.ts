import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { helpRequests, reportAttachments, reports, trackingEntries } from '../db/schema/index.js';
import { t, type Language } from '../bot/i18n/index.js';
import { loadCardRecords, movementNote, yearNote } from './cardNotes.js';
import { FIELD_LABELS, type Field } from './columns.js';

type Entry = typeof trackingEntries.$inferSelect;
const yes = (b: boolean | null | undefined) => (b ? 'yes' : 'no');

/**
 * What a tracking-card line says happened (跟踪管理卡 “内容”): the answers of a monthly report, that a thought
 * report came in and how long it is, what a help request asked and where it went, the note of a contact, the steps
 * of the member's year (evaluation, 先进, dues, training and work, home visits) and of leaving and coming home.
 */
export async function cardContents(db: DbOrTx, memberId: number, entries: Entry[], lang: Language): Promise<string[]> {
  const memberReports = await db.select().from(reports).where(eq(reports.memberId, memberId));
  const requests = await db.select().from(helpRequests).where(eq(helpRequests.memberId, memberId));
  const photos = await db.select({ reportId: reportAttachments.reportId }).from(reportAttachments).innerJoin(reports, eq(reports.id, reportAttachments.reportId)).where(eq(reports.memberId, memberId));
  const records = await loadCardRecords(db, memberId);
  const report = (kind: 'monthly' | 'thought', period: unknown) => memberReports.find((r) => r.kind === kind && r.period === period);
  return entries.map((e) => {
    const d = e.details ?? {};
    switch (e.kind) {
      case 'report': {
        const r = report('monthly', d.period);
        if (!r) return e.note ?? '';
        return t(lang, 'card-content-report', {
          period: r.period, work: r.work ?? 'other', moved: yes(r.movedSinceLast), difficulty: yes(r.hasDifficulty), studied: yes(r.studied), late: yes(r.late),
        });
      }
      case 'thought_report': {
        const r = report('thought', d.period);
        // The card holds what the member wrote (and says when pages were handed in as photos).
        return t(lang, 'card-content-thought', {
          period: String(d.period ?? ''), length: [...(r?.body ?? '')].length, body: r?.body ?? '', photos: photos.filter((p) => p.reportId === r?.id).length,
        });
      }
      case 'help': {
        const h = requests.find((x) => x.id === d.requestId);
        if (!h) return e.note ?? '';
        if (d.status) return t(lang, 'card-content-help-status', { id: h.id, status: String(d.status) });
        return t(lang, 'card-content-help', { id: h.id, category: h.category, description: h.description });
      }
      case 'note':
        if (d.roster) return t(lang, 'card-content-roster', { what: String(d.roster), fields: fieldsOf(d.fields) });
        // A change made on the console's registration card: its field names, never the values.
        if (d.card === 'edited') return t(lang, 'console-record-card-edit-entry', { fields: fieldsOf(d.fields) });
        return yearNote(lang, d, records) ?? e.note ?? '';
      case 'departure':
      case 'return':
        return e.note ?? movementNote(lang, e.kind, d, records) ?? '';
      case 'status_change':
        return e.note ?? t(lang, 'card-content-status', { to: String(d.to ?? (d.transfer ? 'transfer' : '')), found: yes(d.found === true) });
      default:
        return e.note ?? '';
    }
  });
}

function fieldsOf(fields: unknown): string {
  return Array.isArray(fields) ? fields.map((f) => FIELD_LABELS[f as Field] ?? '').filter(Boolean).join('、') : '';
}
