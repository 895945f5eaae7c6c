import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTerminalAdapter } from '../../../src/adapters/terminal/index.js';
import { terminalDemo } from '../../../src/demo/index.js';
import type { AdapterDriver, SeenMessage } from '../driver.js';

/**
 * Drives the terminal adapter through its streams, as a person at the keyboard: lines in, and a button is
 * pressed by typing its number, as the terminal asks. What the person saw is read at the transport, where
 * the terminal prints it. Each test user is a fresh terminal account (`/as new`).
 */
export function terminalDriver(): AdapterDriver {
  const input = new PassThrough();
  const output = new PassThrough();
  output.resume();
  let running: Promise<void> | undefined;
  const chatOfUser = new Map<string, string>();
  const seen = new Map<string, SeenMessage[]>();
  let currentUser: string | undefined;
  /** The user whose fresh account has not been answered yet: the next new chat the terminal prints to is theirs. */
  let awaiting: string | undefined;

  async function line(user: string, text: string) {
    if (currentUser !== user) {
      input.write('/as new\n');
      currentUser = user;
      chatOfUser.delete(user);
      awaiting = user;
    }
    input.write(`${text}\n`);
  }

  function messagesOf(user: string): SeenMessage[] {
    return seen.get(chatOfUser.get(user) ?? '') ?? [];
  }

  return {
    name: 'terminal',
    async start(ctx) {
      const adapter = createTerminalAdapter({
        core: ctx.bot.core,
        demo: terminalDemo(ctx.database, ctx.clock, { inviteTtlDays: ctx.config.INVITE_CODE_TTL_DAYS, timezone: ctx.config.DEFAULT_TIMEZONE }),
        clock: ctx.clock,
        input,
        output,
        drain: () => ctx.bot.sender.drain(['terminal']),
        exportsDir: join(tmpdir(), 'contract-exports'),
      });
      const print = adapter.transport.send.bind(adapter.transport);
      adapter.transport.send = async (chat, message) => {
        if (awaiting !== undefined && chat.chatId.startsWith('guest-') && !seen.has(chat.chatId)) {
          chatOfUser.set(awaiting, chat.chatId);
          awaiting = undefined;
        }
        seen.set(chat.chatId, [...(seen.get(chat.chatId) ?? []), { text: message.text, buttons: message.buttons ?? [] }]);
        return print(chat, message);
      };
      running = adapter.run();
    },
    async stop() {
      input.end();
      await running;
    },
    sendText: (user, text) => line(user, text),
    async pressButton(user, payload) {
      const last = [...messagesOf(user)].reverse().find((m) => m.buttons.flat().some((b) => b.payload === payload));
      const index = last?.buttons.flat().findIndex((b) => b.payload === payload) ?? -1;
      if (index < 0) throw new Error(`no button ${payload} on screen`);
      await line(user, String(index + 1));
    },
    shareLocation: (user, lat, lng) => line(user, `/gps ${lat},${lng}`),
    async messages(user, count) {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const all = messagesOf(user);
        if (all.length >= count) return all;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`expected ${count} messages, saw ${messagesOf(user).map((m) => m.text).join(' | ')}`);
    },
  };
}
