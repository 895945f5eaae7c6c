import { t, type Language } from '../../bot/i18n/index.js';
import type { OutboundChat, OutgoingMessage, SendOutcome, Transport } from '../../bot/types.js';
import { saveDocument } from './documents.js';

/** What the terminal's port shares with the rest of the adapter: the screen, and who is at the keyboard. */
export interface TerminalScreen {
  lang: Language;
  write(line: string): void;
  /** The chat of the person talking now; messages for anyone else are shown as passed on to them. */
  currentUser(): string;
  names: Map<string, string>;
  /** The payloads of the buttons last shown in each chat, so a typed number presses one. */
  lastButtons: Map<string, string[]>;
  exportsDir: string;
}

/**
 * The terminal's port: text with numbered choices, and documents saved as files (their path printed). It
 * declares no edit: a message that replaces another is printed as a new one.
 */
export function createTerminalPort(screen: TerminalScreen): Transport {
  const { lang, write } = screen;
  let counter = 0;
  const port: Transport = {
    platform: 'terminal',
    async send(chat: OutboundChat, message: OutgoingMessage): Promise<SendOutcome> {
      const forOther = chat.chatId !== screen.currentUser();
      const prefix = forOther ? `${t(lang, 'terminal-to-other', { name: screen.names.get(chat.chatId) ?? chat.chatId })} ` : '🤖 ';
      write(`${prefix}${message.text.replace(/\n/g, '\n   ')}`);
      const flat = (message.buttons ?? []).flat();
      if (flat.length) {
        let n = 0;
        for (const row of message.buttons ?? []) write(`   ${row.map((b) => `[${++n}] ${b.label}`).join('   ')}`);
        screen.lastButtons.set(chat.chatId, flat.map((b) => b.payload));
      }
      if (message.askLocation && !forOther) write(t(lang, 'terminal-location-hint'));
      return { ok: true, messageId: String(++counter) };
    },
    // A document is a saved file: the caption as usual, then where the file now is.
    async sendDocument(chat, document, message) {
      let path: string;
      try {
        path = await saveDocument(screen.exportsDir, document);
      } catch (err) {
        return { ok: false, kind: 'transient', code: (err as { code?: string }).code ?? 'write_failed' };
      }
      if (message.text) await port.send(chat, message);
      write(`   ${t(lang, 'terminal-document-saved', { file: path })}`);
      return { ok: true, messageId: String(++counter) };
    },
  };
  return port;
}
