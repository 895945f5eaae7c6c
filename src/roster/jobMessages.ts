import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { persons, rosterImports } from '../db/schema/index.js';
import type { Language } from '../bot/i18n/index.js';
import type { ReplyButton } from '../bot/flow.js';
import { renderReply } from '../bot/render.js';
import type { OutgoingMessage, Platform } from '../bot/types.js';
import { enqueue } from '../outbox/enqueue.js';

export type RosterJob = typeof rosterImports.$inferSelect;

export async function jobLanguage(db: DbOrTx, job: RosterJob): Promise<Language> {
  const [p] = await db.select({ language: persons.language }).from(persons).where(eq(persons.id, job.actorId));
  return p?.language ?? 'zh-CN';
}

/**
 * Queues one message of an import to the chat the file came from. The key names the job and the step, so a
 * step that runs again after a restart queues nothing twice.
 */
export async function tellImporter(db: DbOrTx, job: RosterJob, step: string, message: OutgoingMessage, now: Date): Promise<void> {
  // A console upload has no chat: its page reads the job instead.
  if (job.platform === null || job.chatId === null) return;
  await enqueue(db, [{
    idempotencyKey: `roster:${job.id}:${step}`, platform: job.platform as Platform, chatId: job.chatId,
    ...(job.identityId !== null ? { identityId: job.identityId } : {}), personId: job.actorId, purpose: 'reply', message, notBefore: now,
  }], now);
}

export function textWithButtons(lang: Language, text: string, buttons: ReplyButton[][] = []): OutgoingMessage {
  return renderReply(lang, { key: 'roster-file-text', args: { text }, buttons });
}

/**
 * Progress of a long import, at a quarter, a half and three quarters: one message, edited in place where the
 * platform can edit (the later ones replace the first by its key), else a few messages.
 */
export function progressMessage(job: RosterJob, phase: 'preview' | 'apply', percent: number, text: string, lang: Language): { step: string; message: OutgoingMessage } {
  const first = `progress:${phase}`;
  if (percent <= 25) return { step: first, message: { text, language: lang } };
  return { step: `${first}:${percent}`, message: { text, language: lang, replaces: `roster:${job.id}:${first}` } };
}
