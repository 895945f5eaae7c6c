import type { reportAttachments } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import type { Platform } from '../../bot/types.js';

type Attachment = typeof reportAttachments.$inferSelect;

/**
 * The pages of a handwritten report, one message each, shown again by reference: the bot keeps no copy, and
 * the platform the member used is the one that can show them (elsewhere the caption says where to look).
 */
export function photoReplies(photos: Attachment[]): Reply[] {
  return photos.map((p, i) => reply('staff-thought-photo', {
    args: { n: i + 1, of: photos.length },
    photo: { platform: p.platform as Platform, fileRef: p.fileRef, ...(p.mime ? { mime: p.mime } : {}) },
  }));
}
