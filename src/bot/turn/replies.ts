import type { DbOrTx } from '../../db/client.js';
import { enqueue, preferredIdentity } from '../../outbox/enqueue.js';
import type { Reply } from '../flow.js';
import type { Language } from '../i18n/index.js';
import { renderReply } from '../render.js';
import type { Incoming, OutgoingMessage } from '../types.js';
import type { Identity } from './arrival.js';

/**
 * The answers to one update, rendered once in the person's language and queued in the same transaction.
 * The key (platform, update id, index) makes a redelivered update queue nothing new.
 */
export async function queueAnswers(tx: DbOrTx, incoming: Incoming, identity: Identity, messages: OutgoingMessage[], now: Date): Promise<void> {
  await enqueue(
    tx,
    messages.map((message, i) => ({
      idempotencyKey: `reply:${incoming.platform}:${incoming.updateId}:${i}`,
      platform: incoming.platform,
      chatId: incoming.chatId,
      chatKind: incoming.chatKind,
      // A group's failure (the bot removed from it) must not mark the member who asked unreachable.
      ...(incoming.chatKind === 'private' ? { identityId: identity.id } : {}),
      ...(identity.personId !== null ? { personId: identity.personId } : {}),
      purpose: 'reply',
      message,
      notBefore: now,
    })),
    now,
  );
}

/** What a conversation says when it times out goes to the account the person used last. */
export async function queueTimeoutReplies(tx: DbOrTx, personId: number, version: number, language: Language, replies: Reply[], now: Date): Promise<void> {
  const identity = replies.length ? await preferredIdentity(tx, personId) : undefined;
  if (!identity) return;
  await enqueue(tx, replies.map((r, i) => ({
    idempotencyKey: `timeout:${personId}:${version}:${i}`,
    platform: identity.platform, chatId: identity.chatId, identityId: identity.id, personId, purpose: 'reply',
    message: renderReply(language, r), notBefore: now,
  })), now);
}
