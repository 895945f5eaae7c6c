import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { departures, members, trackingEntries } from '../../db/schema/index.js';
import type { HomecomingSource } from '../../db/schema/membership.js';
import { openHomeVisitTask } from '../homecoming/visits.js';

/**
 * What a return changes, whoever tells it (staff registering it, or the member's own confirmed 我回来了): the open
 * absence closes, the member is 'returned' and no longer attached to an inflow organisation, the card says so, and
 * the liaison gets a home visit to make. Returns whether a new home-visit task was opened (the liaison told with it).
 */
export async function markReturned(
  db: DbOrTx, memberId: number, on: string, now: Date,
  by: { actorId: number; source: HomecomingSource; details: Record<string, unknown>; homeVisitDueDays: number },
): Promise<boolean> {
  await db.update(departures).set({ returnedOn: on }).where(and(eq(departures.memberId, memberId), isNull(departures.returnedOn)));
  await db.update(members).set({ status: 'returned', inflowOrgId: null, lostContactSince: null, categoryWhileLost: null }).where(eq(members.personId, memberId));
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: by.actorId, kind: 'return', details: by.details });
  return openHomeVisitTask(db, memberId, on, by.source, now, by.homeVisitDueDays);
}
