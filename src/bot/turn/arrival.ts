import type { DbOrTx } from '../../db/client.js';
import { and, eq, ne, sql } from 'drizzle-orm';
import { query } from '../../db/query.js';
import { identities, persons, processedUpdates } from '../../db/schema/index.js';
import { conversationOf, type StoredConversation } from '../conversation.js';
import { factsOf, OPEN_HELP_STATUSES, type FactsRow } from '../facts.js';
import type { PersonFacts } from '../flow.js';
import { monthPeriod, quarterPeriod } from '../period.js';
import type { Incoming } from '../types.js';

/** The earliest and the latest time zones. */
const EARTH_EDGES = ['Etc/GMT+12', 'Etc/GMT-14'];

export type Identity = typeof identities.$inferSelect;

/** What a fresh update starts from: the account, and for a linked account in private its person's facts and conversation. */
export interface Arrival {
  identity: Identity;
  /** Undefined outside a linked private chat, or when the person is gone. */
  facts?: PersonFacts;
  current?: StoredConversation;
}

/** Timestamps come as Dates from a row, as text from the batch's json (group commit). */
export interface BeginRow {
  fresh: boolean;
  identity_id: number;
  identity_chat_id: string;
  identity_person_id: number | null;
  failed_code_attempts: number;
  code_locked_until: Date | string | null;
  unreachable_since: Date | string | null;
  linked_at: Date | string | null;
  identity_timezone: string | null;
  last_seen_at: Date | string | null;
  identity_created_at: Date | string;
  person_found: boolean;
  person_language: FactsRow['language'];
  person_timezone: string;
  is_member: boolean;
  is_staff: boolean;
  is_laid_off: boolean | null;
  granted_at: string | null;
  withdrawn_at: string | null;
  last_region_code: string | null;
  reported_months: string[] | null;
  reported_quarters: string[] | null;
  open_help: PersonFacts['openHelpRequests'] | null;
  conversation_flow: string | null;
  conversation_state: unknown;
  conversation_version: number | null;
}

/**
 * The first statement of a turn (bot_turn_begin, migrations 0022 and 0025): the account created or touched, a time
 * zone its platform reports followed, and what the step needs to know, in one call. With `claim` the update id is
 * recorded here (a transaction's first statement: a redelivery waits for it, then stops); without, only looked
 * up (bot_turn_finish records it). Undefined: applied before (a redelivery).
 */
export async function arrive(tx: DbOrTx, incoming: Incoming, now: Date, claim: boolean): Promise<Arrival | undefined> {
  const { months, quarters } = periodsAnywhere(now);
  const [row] = await query<BeginRow>(tx, sql`select * from bot_turn_begin(${incoming.platform}::text, ${incoming.updateId}::text, ${incoming.userId}::text,
    ${incoming.chatId}::text, ${incoming.chatKind === 'private'}::boolean, ${incoming.timezone || null}::text, ${now.toISOString()}::timestamptz,
    ${OPEN_STATUSES}::text[], ${`{${months.join(',')}}`}::text[], ${`{${quarters.join(',')}}`}::text[], ${claim}::boolean)`);
  return row && arrivalOf(row, incoming, now);
}

export const OPEN_STATUSES = `{${OPEN_HELP_STATUSES.join(',')}}`;

/** The periods `now` falls in somewhere on earth (UTC-12 to UTC+14): the person's own is picked in factsOf. */
function periodsAnywhere(now: Date): { months: string[]; quarters: string[] } {
  return { months: [...new Set(EARTH_EDGES.map((tz) => monthPeriod(now, tz)))], quarters: [...new Set(EARTH_EDGES.map((tz) => quarterPeriod(now, tz)))] };
}

/** One update's part of bot_turn_begin_many (group commit): what arrive passes as parameters. */
export function beginItem(incoming: Incoming, now: Date) {
  return {
    platform: incoming.platform, updateId: incoming.updateId, userId: incoming.userId, chatId: incoming.chatId,
    private: incoming.chatKind === 'private', timezone: incoming.timezone || null, now: now.toISOString(), ...periodsAnywhere(now),
  };
}

/** What bot_turn_begin answered, as the turn uses it. Undefined: applied before (a redelivery). */
export function arrivalOf(row: BeginRow, incoming: Incoming, now: Date): Arrival | undefined {
  if (!row.fresh) return undefined;
  const identity: Identity = {
    id: row.identity_id,
    platform: incoming.platform,
    externalUserId: incoming.userId,
    chatId: row.identity_chat_id,
    personId: row.identity_person_id,
    failedCodeAttempts: row.failed_code_attempts,
    codeLockedUntil: asDate(row.code_locked_until),
    unreachableSince: asDate(row.unreachable_since),
    linkedAt: asDate(row.linked_at),
    timezone: row.identity_timezone,
    lastSeenAt: asDate(row.last_seen_at),
    createdAt: asDate(row.identity_created_at)!,
  };
  if (identity.personId === null || !row.person_found) return { identity };
  const facts = factsOf(identity.personId, {
    language: row.person_language, timezone: row.person_timezone, isMember: row.is_member, isStaff: row.is_staff, laidOff: row.is_laid_off,
    grantedAt: row.granted_at, withdrawnAt: row.withdrawn_at, lastRegionCode: row.last_region_code,
    reportedMonths: row.reported_months, reportedQuarters: row.reported_quarters,
  }, now);
  facts.openHelpRequests = row.open_help ?? [];
  const current = row.conversation_flow === null ? undefined : conversationOf({ flow: row.conversation_flow, state: row.conversation_state, version: row.conversation_version! });
  return { identity, facts, ...(current ? { current } : {}) };
}

/** A row gives timestamps as Dates, the batch's json as text. */
function asDate(value: Date | string | null): Date | null {
  return value === null ? null : value instanceof Date ? value : new Date(value);
}

/** Records the platform's update id; false when it was applied before (a redelivery), so it is not applied twice. */
export async function firstArrival(tx: DbOrTx, incoming: Incoming, now: Date): Promise<boolean> {
  const fresh = await tx
    .insert(processedUpdates)
    .values({ platform: incoming.platform, updateId: incoming.updateId, processedAt: now })
    .onConflictDoNothing()
    .returning();
  return fresh.length > 0;
}

/**
 * The person's dates and quiet hours follow the time zone their platform reports for the account they write
 * from (Slack's users.info): a member who moved to Urumqi and set their Slack to it is asked at their hours.
 * bot_turn_begin does this for an account linked before the update; this is for one linked by it.
 */
export async function followAccountTimezone(tx: DbOrTx, personId: number | null, incoming: Incoming): Promise<void> {
  if (personId === null || !incoming.timezone) return;
  await tx.update(persons).set({ timezone: incoming.timezone }).where(and(eq(persons.id, personId), ne(persons.timezone, incoming.timezone)));
}
