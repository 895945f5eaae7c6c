import type { Update } from 'grammy/types';
import type { PlatformEvent } from '../../bot/types.js';

/**
 * What an update says about a chat rather than a message, for the core to record. Pure.
 * - `my_chat_member` in a private chat: the person blocked the bot ('kicked') or unblocked it ('member').
 * - `my_chat_member` in a group: the bot was removed ('left', 'kicked'): the group's binding ends.
 * - A group upgraded to a supergroup: the old group's service message carries `migrate_to_chat_id`, the new
 *   supergroup's `migrate_from_chat_id`; either moves what is stored to the new id.
 */
export function chatEventOf(update: Update): PlatformEvent | undefined {
  const change = update.my_chat_member;
  if (change) {
    const status = change.new_chat_member.status;
    if (change.chat.type === 'private') {
      if (status === 'kicked') return { kind: 'blocked', platform: 'telegram', userId: String(change.from.id) };
      if (status === 'member' && change.old_chat_member.status === 'kicked') return { kind: 'unblocked', platform: 'telegram', userId: String(change.from.id) };
      return undefined;
    }
    if (status === 'left' || status === 'kicked') return { kind: 'removed-from-group', platform: 'telegram', chatId: String(change.chat.id) };
    return undefined;
  }
  const message = update.message;
  if (message?.migrate_to_chat_id !== undefined) return { kind: 'chat-moved', platform: 'telegram', from: String(message.chat.id), to: String(message.migrate_to_chat_id) };
  if (message?.migrate_from_chat_id !== undefined) return { kind: 'chat-moved', platform: 'telegram', from: String(message.migrate_from_chat_id), to: String(message.chat.id) };
  return undefined;
}
