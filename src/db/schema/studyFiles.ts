import { customType, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { studyItems } from './schedules.js';

/** Kept as base64 text, as roster uploads are: PGlite blocks far longer on a megabyte of bytea than of text. */
const base64File = customType<{ data: Buffer; driverData: string }>({
  dataType: () => 'text',
  toDriver: (v) => v.toString('base64'),
  fromDriver: (v) => Buffer.from(v, 'base64'),
});

/**
 * The file of a study item (a PDF of a policy, a leaflet), uploaded in the console: stored with the item and
 * served by the process only, to staff in scope in the console and to a member of the item's audience who taps
 * for it in chat. One file an item; a new upload replaces it.
 */
export const studyFiles = pgTable('study_files', {
  itemId: integer('item_id').primaryKey().references(() => studyItems.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  data: base64File('data').notNull(),
  uploadedBy: integer('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
});
