import { z } from 'zod';
import type { Update } from 'grammy/types';

/**
 * The parts of a Telegram update the adapter reads (translateUpdate, chatKeyOf), with the types the Bot API
 * promises. Anything else an update carries passes through untouched. Telegram itself never sends an update
 * that fails this; something posting to the webhook might (`"chat": null`), and that is a malformed update
 * to acknowledge and drop, not a bug to answer with a 500 that Telegram would redeliver for ever.
 */
const id = z.number().int().refine(Number.isSafeInteger);
const user = z.looseObject({ id, is_bot: z.boolean().optional(), language_code: z.string().optional(), username: z.string().optional() });
const chat = z.looseObject({ id, type: z.string() });
const file = z.looseObject({ file_id: z.string(), mime_type: z.string().optional() });
const keyboard = z.looseObject({ inline_keyboard: z.array(z.array(z.looseObject({ text: z.string(), callback_data: z.string().optional() }))) });

const message = z.looseObject({
  message_id: id,
  chat,
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(z.looseObject({ type: z.string(), offset: z.number().int().nonnegative(), length: z.number().int().nonnegative() })).optional(),
  location: z.looseObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
  photo: z.array(z.looseObject({ file_id: z.string(), width: z.number(), height: z.number() })).optional(),
  document: file.optional(),
  voice: file.optional(),
  audio: file.optional(),
  video: file.optional(),
  video_note: file.optional(),
  reply_markup: keyboard.optional(),
  message_thread_id: id.optional(),
  is_topic_message: z.boolean().optional(),
  migrate_to_chat_id: id.optional(),
  migrate_from_chat_id: id.optional(),
});

const member = z.looseObject({ status: z.string() });
const chatMember = z.looseObject({ chat, from: user, old_chat_member: member, new_chat_member: member });

const callbackQuery = z.looseObject({
  id: z.string(),
  from: user,
  data: z.string().optional(),
  message: z.looseObject({ message_id: id, chat, text: z.string().optional(), reply_markup: keyboard.optional() }).optional(),
});

const update = z.looseObject({
  update_id: id,
  message: message.optional(),
  edited_message: message.optional(),
  callback_query: callbackQuery.optional(),
  my_chat_member: chatMember.optional(),
});

export type UpdateCheck = { ok: true; update: Update } | { ok: false; fields: string[] };

/** Whether `value` is an update the adapter can read; if not, which fields are wrong (paths only, never values). */
export function checkUpdate(value: unknown): UpdateCheck {
  const parsed = update.safeParse(value);
  if (parsed.success) return { ok: true, update: value as Update };
  return { ok: false, fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].slice(0, 5) };
}
