import type { Api } from 'grammy';
import type { BotCommand, BotCommandScope, LanguageCode } from 'grammy/types';
import { t, type Language } from '../../bot/i18n/index.js';
import { menuCommands, type CommandInfo } from '../../bot/registry.js';
import type { StaffRole } from '../../bot/types.js';

/** Telegram picks the list by the user's app language: zh for Chinese, en for English; zh-CN for anyone else. */
const LANGUAGE_CODES: { code?: LanguageCode; lang: Language }[] = [{ lang: 'zh-CN' }, { code: 'zh', lang: 'zh-CN' }, { code: 'en', lang: 'en' }];

/** A menu as Telegram takes it, from the commands the features declare (descriptions: `cmd-<name>`). */
export function commandList(commands: readonly CommandInfo[], lang: Language): BotCommand[] {
  return commands.map((c) => ({ command: c.name, description: t(lang, `cmd-${c.name}`) }));
}

/**
 * The "/" menu: member commands in private chats; in groups only the way to the private chat, since
 * nothing personal is done there.
 */
export async function publishCommands(api: Api, declared: readonly CommandInfo[]): Promise<void> {
  const privateScope: BotCommandScope = { type: 'all_private_chats' };
  const groupScope: BotCommandScope = { type: 'all_group_chats' };
  for (const { code, lang } of LANGUAGE_CODES) {
    const language = code ? { language_code: code } : {};
    await api.setMyCommands(commandList(menuCommands(declared, 'member'), lang), { scope: privateScope, ...language });
    await api.setMyCommands([{ command: 'start', description: t(lang, 'cmd-group-start') }], { scope: groupScope, ...language });
  }
}

/** The staff menu for one staff member's private chat (Telegram's chat scope: only that chat sees it). */
export async function publishStaffCommands(api: Api, declared: readonly CommandInfo[], chatId: string | number, lang: Language): Promise<void> {
  await publishChatCommands(api, declared, chatId, lang, 'staff');
}

/** One private chat's menu, in the person's language: the tools of a staff member's roles, or the member menu again. */
export async function publishChatCommands(
  api: Api, declared: readonly CommandInfo[], chatId: string | number, lang: Language, audience: 'member' | 'staff', roles?: readonly StaffRole[],
): Promise<void> {
  await api.setMyCommands(commandList(menuCommands(declared, audience, roles), lang), { scope: { type: 'chat', chat_id: chatId } });
}
