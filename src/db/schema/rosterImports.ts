import { check, customType, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { oneOf } from './checks.js';
import { identities } from './identities.js';
import { organisations } from './orgs.js';
import { persons } from './people.js';

/** The file as base64 text: PGlite takes a megabyte of bytea in about a second of blocked event loop, text in 40 ms. */
const base64File = customType<{ data: Buffer; driverData: string }>({
  dataType: () => 'text',
  toDriver: (v) => v.toString('base64'),
  fromDriver: (v) => Buffer.from(v, 'base64'),
});

/**
 * choosing_branch → queued → previewing → previewed → confirmed → applying → done; or cancelled / refused
 * (the file cannot be read) / failed (gave up after repeated crashes). queued, previewing, confirmed and applying
 * are work for the background runner; a lease makes one instance do it, and a crash hands it to the next.
 */
export const ROSTER_IMPORT_STATES = ['choosing_branch', 'queued', 'previewing', 'previewed', 'confirmed', 'applying', 'done', 'cancelled', 'refused', 'failed'] as const;
export type RosterImportState = (typeof ROSTER_IMPORT_STATES)[number];

/**
 * A 花名册 sent in chat or uploaded in the console, imported off the update path: the job survives a restart and
 * runs once across instances.
 */
export const rosterImports = pgTable(
  'roster_imports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer('actor_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    /** The chat the file came from, which hears the preview and the result; both null for a console upload. */
    platform: text('platform'),
    chatId: text('chat_id'),
    identityId: integer('identity_id').references(() => identities.id, { onDelete: 'set null' }),
    fileRef: text('file_ref').notNull(),
    mime: text('mime'),
    fileName: text('file_name'),
    /** The downloaded file, kept until the import is done or cancelled, then deleted. */
    file: base64File('file_base64'),
    /** The one branch a one-branch roster goes into; null: each row names its 所在支部. */
    orgId: integer('org_id').references(() => organisations.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ROSTER_IMPORT_STATES }).notNull(),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    /** Apply progress: rows before this one are written (chunks commit together with it). */
    rowsDone: integer('rows_done').notNull().default(0),
    rowsTotal: integer('rows_total'),
    /** Counts only (no names): what the preview found, and what the apply did. */
    preview: jsonb('preview').$type<Record<string, unknown>>(),
    result: jsonb('result').$type<Record<string, unknown>>(),
    /**
     * A console upload has no chat to tell: the rows of its last step (new, changed, refused, with the reasons) for
     * its page, and the marked copy to download. Dropped a week after the job's last change.
     */
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    report: base64File('report_base64'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('roster_imports_state_idx').on(t.state, t.leaseUntil),
    check('roster_imports_state_check', oneOf(t.state, ROSTER_IMPORT_STATES)),
  ],
);
