import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { chatKeyOf, translateUpdate } from '../../../src/adapters/telegram/inbound.js';
import { chosenText, splitText } from '../../../src/adapters/telegram/render.js';
import { loadConfig } from '../../../src/config.js';
import { expectConfigError } from '../../support/config.js';
import { BOT_USERNAME, updates, type StoredMessage } from '../../support/fakeTelegram.js';

const user = { id: 42, first_name: 'member' };
const group = { id: -1001, type: 'supergroup' as const };
const at = (u: Omit<Update, 'update_id'>, id = 9): Update => ({ update_id: id, ...u }) as Update;

describe('telegram update translation', () => {
  it('passes texts and commands as they were written, /start CODE included', () => {
    expect(translateUpdate(at(updates.text(user, '/start ABCD-2345')), BOT_USERNAME)).toEqual({
      kind: 'core',
      incoming: { platform: 'telegram', updateId: '9', chatId: '42', chatKind: 'private', userId: '42', body: { kind: 'text', text: '/start ABCD-2345' } },
    });
  });

  it('turns a pressed button into its payload, remembering the message and the label', () => {
    const message = { message_id: 5, date: 0, chat: { id: 42, type: 'private', first_name: 'm' }, text: '问题', reply_markup: { inline_keyboard: [[{ text: '是', callback_data: 'ci:diff:yes' }]] } } as StoredMessage;
    const result = translateUpdate(at(updates.press(user, message, 'ci:diff:yes')), BOT_USERNAME);
    expect(result).toMatchObject({
      kind: 'core',
      incoming: { chatId: '42', chatKind: 'private', userId: '42', body: { kind: 'button', payload: 'ci:diff:yes' } },
      callback: { chatId: 42, messageId: 5, text: '问题', label: '是' },
    });
  });

  it('reads a shared location, the largest photo and a document with its type and caption', () => {
    expect(translateUpdate(at(updates.location(user, 23.02, 113.75)), undefined)).toMatchObject({ incoming: { body: { kind: 'location', lat: 23.02, lng: 113.75 } } });
    expect(translateUpdate(at(updates.photo(user, '工资条')), undefined)).toMatchObject({ incoming: { body: { kind: 'file', fileRef: 'photo-large', mime: 'image/jpeg', caption: '工资条' } } });
    expect(translateUpdate(at(updates.document(user, 'application/pdf')), undefined)).toMatchObject({ incoming: { body: { kind: 'file', fileRef: 'doc-file-id', mime: 'application/pdf' } } });
  });

  it('passes on what the bot cannot read (a sticker, a GIF, a contact card) by its kind only, so the person gets an answer', () => {
    const privately = (extra: object) => at({ message: { message_id: 1, date: 0, from: { id: 42, is_bot: false, first_name: 'm' }, chat: { id: 42, type: 'private', first_name: 'm' }, ...extra } } as unknown as Omit<Update, 'update_id'>);
    expect(translateUpdate(privately({ sticker: { file_id: 's' } }), undefined)).toMatchObject({ kind: 'core', incoming: { body: { kind: 'unreadable', what: 'sticker' } } });
    expect(translateUpdate(privately({ animation: { file_id: 'a' }, document: { file_id: 'a' } }), undefined)).toMatchObject({ kind: 'core', incoming: { body: { kind: 'unreadable', what: 'animation' } } });
    // The phone number on a contact card never enters the core.
    const contact = translateUpdate(privately({ contact: { phone_number: '13800138001', first_name: 'm' } }), undefined);
    expect(contact).toMatchObject({ kind: 'core', incoming: { body: { kind: 'unreadable', what: 'contact' } } });
    expect(JSON.stringify(contact)).not.toContain('13800138001');
    expect(translateUpdate(privately({ voice: { file_id: 'v', mime_type: 'audio/ogg' } }), undefined)).toMatchObject({ incoming: { body: { kind: 'file', fileRef: 'v', mime: 'audio/ogg' } } });
  });

  it('ignores edits, other bots and presses without data', () => {
    expect(translateUpdate(at({ edited_message: updates.text(user, 'x').message } as Omit<Update, 'update_id'>), undefined)).toMatchObject({ kind: 'ignore' });
    expect(translateUpdate(at(updates.text({ ...user, id: 43 }, 'hi')), undefined)).toMatchObject({ kind: 'core' });
    const game = at({ callback_query: { id: 'q1', from: { id: 42, is_bot: false, first_name: 'm' }, chat_instance: 'c', game_short_name: 'g' } });
    expect(translateUpdate(game, undefined)).toEqual({ kind: 'ignore', reason: 'callback-without-data', callbackQueryId: 'q1' });
    const fromBot = at(updates.text(user, 'hi'));
    fromBot.message!.from!.is_bot = true;
    expect(translateUpdate(fromBot, undefined)).toMatchObject({ kind: 'ignore' });
  });

  it('in a group, takes only commands for this bot and mentions of it, as the bare command', () => {
    const take = (text: string) => translateUpdate(at(updates.text(user, text, group)), BOT_USERNAME);
    expect(take(`/start@${BOT_USERNAME} ABCD-2345`)).toMatchObject({ kind: 'core', incoming: { chatKind: 'group', chatId: '-1001', body: { kind: 'text', text: '/start' } } });
    expect(take(`/Report@${BOT_USERNAME.toUpperCase()}`)).toMatchObject({ incoming: { body: { text: '/report' } } });
    expect(take('/help')).toMatchObject({ incoming: { body: { text: '/help' } } });
    expect(take('/help@other_bot')).toMatchObject({ kind: 'ignore' });
    expect(take('我今天到东莞了')).toMatchObject({ kind: 'ignore' });
    const mention = at(updates.text(user, `问一下 @${BOT_USERNAME} 怎么报到`, group));
    mention.message!.entities = [{ type: 'mention', offset: 4, length: BOT_USERNAME.length + 1 }];
    expect(translateUpdate(mention, BOT_USERNAME)).toMatchObject({ kind: 'core', incoming: { body: { text: '/start' } } });
  });

  it('keeps one chat in one line, and answers a press on a group message in the presser\'s private chat', () => {
    expect(chatKeyOf(at(updates.text(user, 'x')))).toBe('42');
    const groupMessage = { message_id: 1, date: 0, chat: { id: -1001, type: 'supergroup', title: 'g' }, text: 't' } as unknown as StoredMessage;
    const press = at(updates.press(user, groupMessage, 'study:ack'));
    expect(chatKeyOf(press)).toBe('42');
    expect(translateUpdate(press, BOT_USERNAME)).toMatchObject({
      kind: 'core',
      incoming: { chatId: '42', chatKind: 'private', userId: '42', body: { kind: 'button', payload: 'study:ack' } },
      callback: { chatId: -1001, messageId: 1, inGroup: true },
    });
  });
});

describe('telegram rendering helpers', () => {
  it('splits at line breaks and never loses a character', () => {
    const text = Array.from({ length: 300 }, (_, i) => `第${i}行：本月已报到，思想汇报已交。`).join('\n');
    const parts = splitText(text, 1000);
    expect(parts.every((p) => p.length <= 1000)).toBe(true);
    expect(parts.join('\n')).toBe(text);
    expect(splitText('')).toEqual(['…']);
  });

  it('marks the chosen answer under the question', () => {
    expect(chosenText('本月情况怎么样？', '还在原地')).toBe('本月情况怎么样？\n\n✓ 还在原地');
    expect(chosenText('x'.repeat(4096), '好').length).toBeLessThanOrEqual(4096);
  });
});

describe('telegram settings', () => {
  const token = '123456:ABCdefGHIjklMNOpqrSTUvwx';
  const fails = expectConfigError;

  it('polls with a token alone; a webhook URL needs its secret', () => {
    const polling = loadConfig({ TELEGRAM_BOT_TOKEN: token });
    expect(polling.TELEGRAM_WEBHOOK_URL).toBeUndefined();
    expect(polling.TELEGRAM_WEBHOOK_PORT).toBe(8443);
    fails({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg' }, 'TELEGRAM_WEBHOOK_SECRET');
    const hook = loadConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg', TELEGRAM_WEBHOOK_SECRET: 'a-long-enough-secret_123', TELEGRAM_WEBHOOK_PORT: '9000' });
    expect(hook.TELEGRAM_WEBHOOK_PORT).toBe(9000);
  });

  it('names what is wrong', () => {
    fails({ TELEGRAM_BOT_TOKEN: 'not-a-token' }, 'TELEGRAM_BOT_TOKEN');
    fails({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg', TELEGRAM_WEBHOOK_SECRET: 'a-long-enough-secret_123' }, 'TELEGRAM_BOT_TOKEN');
    fails({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg', TELEGRAM_WEBHOOK_SECRET: 'short' }, 'TELEGRAM_WEBHOOK_SECRET');
    fails({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' }, 'TELEGRAM_API_ROOT');
    fails({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_PORT: '70000' }, 'TELEGRAM_WEBHOOK_PORT');
  });
});
