import type { Api } from 'grammy';
import type { BotCommand, BotCommandScope, LanguageCode } from 'grammy/types';
import { t, type Language } from '../../bot/i18n/index.js';

/** The member menu: the same slash commands the core understands (src/bot/commands/parse.ts). */
export const MEMBER_COMMANDS = ['report', 'location', 'helpme', 'thought', 'status', 'menu', 'language', 'cancel', 'help'] as const;
/** Staff see the member menu plus their own tools. */
export const STAFF_COMMANDS = [...MEMBER_COMMANDS, 'members', 'invite', 'export'] as const;

/** Telegram picks the list by the user's app language: zh for Chinese, en for English; zh-CN for anyone else. */
const LANGUAGE_CODES: { code?: LanguageCode; lang: Language }[] = [{ lang: 'zh-CN' }, { code: 'zh', lang: 'zh-CN' }, { code: 'en', lang: 'en' }];

export function commandList(names: readonly string[], lang: Language): BotCommand[] {
  return names.map((command) => ({ command, description: t(lang, `telegram-cmd-${command}`) }));
}

/**
 * The "/" menu: member commands in private chats; in groups only the way to the private chat, since
 * nothing personal is done there.
 */
export async function publishCommands(api: Api): Promise<void> {
  const privateScope: BotCommandScope = { type: 'all_private_chats' };
  const groupScope: BotCommandScope = { type: 'all_group_chats' };
  for (const { code, lang } of LANGUAGE_CODES) {
    const language = code ? { language_code: code } : {};
    await api.setMyCommands(commandList(MEMBER_COMMANDS, lang), { scope: privateScope, ...language });
    await api.setMyCommands([{ command: 'start', description: t(lang, 'telegram-cmd-group-start') }], { scope: groupScope, ...language });
  }
}

/** The staff menu for one staff member's private chat (Telegram's chat scope: only that chat sees it). */
export async function publishStaffCommands(api: Api, chatId: string | number, lang: Language): Promise<void> {
  await publishChatCommands(api, chatId, lang, 'staff');
}

/** One private chat's menu, in the person's language: a staff member's tools, or the member menu again. */
export async function publishChatCommands(api: Api, chatId: string | number, lang: Language, audience: 'member' | 'staff'): Promise<void> {
  await api.setMyCommands(commandList(audience === 'staff' ? STAFF_COMMANDS : MEMBER_COMMANDS, lang), { scope: { type: 'chat', chat_id: chatId } });
}
