import type { DbOrTx } from '../../db/client.js';
import type { Language } from '../../db/schema/people.js';
import { evaluationEntries, helpEntries, locationEntries, reportEntries, trackingCardEntries } from './timelineSources.js';

/** The tracking card's entries of what the member or staff did, each with when and who (a person's name). */
export interface TimelineBase {
  at: Date;
  actor: string | null;
}

export type TimelineItem =
  | { kind: 'monthly'; period: string; late: boolean; work: string | null; moved: boolean | null; difficulty: boolean | null; studied: boolean | null }
  | { kind: 'thought'; period: string; body: string; reportId: number; photos: number[] }
  | {
    kind: 'help'; id: number; category: string; urgency: string; status: string; description: string; assignee: string | null;
    notes: { at: Date; who: string | null; note: string }[]; files: number;
  }
  | { kind: 'contact'; contact: 'call' | 'message' | 'visit'; note: string | null; thoughtReply: boolean }
  | { kind: 'departure'; departedOn: string; place: string; employer: string | null; occupation: string | null; returnedOn: string | null }
  | { kind: 'return'; checked: number }
  | { kind: 'certificate'; state: string; number: string; issuedOn: string; validUntil: string; inflowOrg: string | null; handedOverOn: string | null }
  | { kind: 'location'; place: string }
  | {
    kind: 'evaluation'; year: number; result: string | null; reason: string | null; selfRating: string | null; selfText: string | null;
    homeOpinion: string | null; inflowOpinion: string | null;
  }
  | { kind: 'assigned'; role: string; person: string }
  | { kind: 'attached'; org: string | null }
  | { kind: 'transfer'; from: string; to: string }
  | { kind: 'card'; fields: string[] }
  | { kind: 'status'; to: string; found: boolean }
  | { kind: 'other'; entryKind: string; text: string };

export type TimelineEntry = TimelineBase & TimelineItem;

/** A member's record is years of months; the page shows the newest this many (the .xlsx export holds them all). */
export const TIMELINE_LIMIT = 300;

/**
 * The tracking card (跟踪管理卡) as one timeline, newest first: monthly reports with their answers, help requests
 * with what was asked and the staff notes, thought reports with their text, contacts, departures and returns,
 * certificates, changes of place (by name), evaluations, and the changes staff made. The caller has passed
 * `authorize('member.view')`. Places are named in `lang`; codes never leave this function.
 */
export async function memberTimeline(db: DbOrTx, memberId: number, lang: Language): Promise<{ entries: TimelineEntry[]; more: boolean }> {
  const parts = await Promise.all([
    reportEntries(db, memberId, TIMELINE_LIMIT),
    helpEntries(db, memberId, TIMELINE_LIMIT),
    trackingCardEntries(db, memberId, lang, TIMELINE_LIMIT),
    locationEntries(db, memberId, lang, TIMELINE_LIMIT),
    evaluationEntries(db, memberId),
  ]);
  const all = parts.flat().sort((a, b) => b.at.getTime() - a.at.getTime());
  return { entries: all.slice(0, TIMELINE_LIMIT), more: all.length > TIMELINE_LIMIT };
}
