import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { outboxMessages } from '../db/schema/index.js';

/**
 * The platform's id of a message sent earlier to the same chat, by its idempotency key: what an edit needs.
 * Undefined while that message has not gone out (or failed): the replacement is then sent as a new message.
 */
export async function sentMessageId(db: DbOrTx, platform: string, chatId: string, idempotencyKey: string): Promise<string | undefined> {
  const [earlier] = await db
    .select({ id: outboxMessages.platformMessageId })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.idempotencyKey, idempotencyKey), eq(outboxMessages.platform, platform), eq(outboxMessages.chatId, chatId), eq(outboxMessages.status, 'sent')));
  return earlier?.id ?? undefined;
}
