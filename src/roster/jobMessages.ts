import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { persons, rosterImports } from '../db/schema/index.js';
import type { Language } from '../bot/i18n/index.js';
import type { ReplyButton } from '../bot/flow.js';
import { renderReply } from '../bot/render.js';
import type { OutgoingMessage, Platform } from '../bot/types.js';
import { enqueue } from '../outbox/enqueue.js';

export type RosterJob = typeof rosterImports.$inferSelect;

/** A file sent back in chat. The platform port renders it; the field is `OutgoingMessage.document` there. */
export interface RosterDocument {
  fileName: string;
  mime: string;
  base64: string;
}
export type OutgoingWithDocument = OutgoingMessage & { document?: RosterDocument };

export async function jobLanguage(db: DbOrTx, job: RosterJob): Promise<Language> {
  const [p] = await db.select({ language: persons.language }).from(persons).where(eq(persons.id, job.actorId));
  return p?.language ?? 'zh-CN';
}

/**
 * Queues one message of an import to the chat the file came from. The key names the job and the step, so a
 * step that runs again after a restart queues nothing twice.
 */
export async function tellImporter(db: DbOrTx, job: RosterJob, step: string, message: OutgoingWithDocument, now: Date): Promise<void> {
  await enqueue(db, [{
    idempotencyKey: `roster:${job.id}:${step}`, platform: job.platform as Platform, chatId: job.chatId,
    ...(job.identityId !== null ? { identityId: job.identityId } : {}), personId: job.actorId, purpose: 'reply', message, notBefore: now,
  }], now);
}

export function textWithButtons(lang: Language, text: string, buttons: ReplyButton[][] = []): OutgoingMessage {
  return renderReply(lang, { key: 'roster-file-text', args: { text }, buttons });
}

/**
 * Progress of a long import: a few messages (at a quarter, a half, three quarters). Where the platform can edit
 * a sent message, the lead wires this to edit the first one instead (its key: `roster:<id>:progress:<phase>:25`).
 */
export function progressStep(phase: 'preview' | 'apply', percent: number): string {
  return `progress:${phase}:${percent}`;
}
