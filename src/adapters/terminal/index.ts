import { createInterface } from 'node:readline';
import type { Clock } from '../../bot/clock.js';
import type { Core } from '../../bot/core.js';
import { t, type Language } from '../../bot/i18n/index.js';
import { formatCode } from '../../bot/invites.js';
import type { IncomingBody } from '../../bot/types.js';
import { createTerminalPort } from './port.js';

/** The demo branch, bound to the bot's database by main.ts: the terminal reads no table itself. */
export interface TerminalDemo {
  /** Nobody in the database yet: `/demo` is offered. */
  isEmpty(): Promise<boolean>;
  /** Creates the demo branch: its people, and a one-time code left for one member to join with. */
  seed(): Promise<{ people: { name: string; role: string; terminalUserId?: string }[]; inviteCode: string; inviteFor: string }>;
  /** The people the terminal can talk as. */
  people(): Promise<{ name: string; terminalUserId: string; isMember: boolean }[]>;
}

export interface TerminalOptions {
  core: Core;
  demo: TerminalDemo;
  clock: Clock;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Waits until every terminal message queued so far has been printed. */
  drain: () => Promise<void>;
  /** Where documents sent to the terminal are saved (EXPORTS_DIR). */
  exportsDir: string;
  language?: Language;
}

/**
 * The terminal is a platform like the others: lines in, outbox messages out. Buttons become numbered
 * choices; `/as` switches who you are talking as, `/gps lat,lng` plays a shared location.
 */
class TerminalChat {
  readonly transport;
  private readonly lang: Language;
  private readonly runId: string;
  private counter = 0;
  private currentUser = '';
  private guests = 0;
  private readonly names = new Map<string, string>();
  private readonly lastButtons = new Map<string, string[]>();

  constructor(private readonly opts: TerminalOptions) {
    this.lang = opts.language ?? 'zh-CN';
    this.runId = opts.clock.now().getTime().toString(36);
    this.transport = createTerminalPort({
      lang: this.lang, write: (line) => this.write(line), currentUser: () => this.currentUser, names: this.names, lastButtons: this.lastButtons, exportsDir: opts.exportsDir,
    });
  }

  private write(line: string) {
    this.opts.output.write(`${line}\n`);
  }

  private say(key: string, args?: Record<string, string | number>) {
    this.write(t(this.lang, key, args));
  }

  private async refreshPeople() {
    const people = await this.opts.demo.people();
    for (const p of people) this.names.set(p.terminalUserId, p.name);
    return people;
  }

  private async listPeople() {
    const people = await this.refreshPeople();
    this.say('terminal-people-title');
    people.forEach((p, i) => this.write(`   ${i + 1}. ${p.name}${p.terminalUserId === this.currentUser ? ' ←' : ''}`));
    this.say('terminal-people-hint');
  }

  private async switchTo(arg: string) {
    if (arg === 'new') {
      this.currentUser = `guest-${this.runId}-${++this.guests}`;
      this.names.set(this.currentUser, t(this.lang, 'terminal-guest'));
      this.say('terminal-now-guest');
      return;
    }
    const people = await this.refreshPeople();
    const chosen = people[Number(arg) - 1] ?? people.find((p) => p.name === arg);
    if (!chosen) return this.listPeople();
    this.currentUser = chosen.terminalUserId;
    this.say('terminal-now-talking-as', { name: chosen.name });
  }

  private bodyFor(line: string): IncomingBody {
    const gps = /^\/gps\s+(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)$/.exec(line);
    if (gps) return { kind: 'location', lat: Number(gps[1]), lng: Number(gps[2]) };
    const choices = this.lastButtons.get(this.currentUser);
    if (choices && /^\d+$/.test(line)) {
      const payload = choices[Number(line) - 1];
      if (payload) return { kind: 'button', payload };
    }
    return { kind: 'text', text: line };
  }

  private async seedDemo() {
    if (!(await this.opts.demo.isEmpty())) return this.say('terminal-demo-exists');
    const seeded = await this.opts.demo.seed();
    this.say('terminal-demo-created', { code: formatCode(seeded.inviteCode), name: seeded.inviteFor });
    const first = seeded.people.find((p) => p.role === 'member' && p.terminalUserId);
    await this.refreshPeople();
    if (first?.terminalUserId) await this.switchTo(first.name);
    return this.listPeople();
  }

  private async onLine(raw: string) {
    const line = raw.trim();
    if (!line) return;
    if (line === '/demo') return this.seedDemo();
    if (line === '/as' || line.startsWith('/as ')) {
      const arg = line.slice(3).trim();
      return arg ? this.switchTo(arg) : this.listPeople();
    }
    if (!this.currentUser) await this.switchTo('new');
    const user = this.currentUser;
    const result = await this.opts.core.handle({
      platform: 'terminal', updateId: `${this.runId}-${++this.counter}`, chatId: user, chatKind: 'private', userId: user, body: this.bodyFor(line),
    });
    if (result.status === 'unavailable') this.say('common-try-later');
    await this.opts.drain();
  }

  /** Resolves when the input ends (end of a piped script, or Ctrl-D). */
  async run(): Promise<void> {
    const { core, demo, input, output } = this.opts;
    core.registerTransport(this.transport);
    this.say('terminal-banner');
    if (await demo.isEmpty()) {
      this.say('terminal-empty-offer');
    } else {
      const people = await this.refreshPeople();
      const firstMember = people.find((p) => p.isMember) ?? people[0];
      if (firstMember) this.currentUser = firstMember.terminalUserId;
      await this.listPeople();
    }
    const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
    const rl = createInterface({ input, terminal: false });
    const prompt = () => interactive && output.write(`${this.names.get(this.currentUser) ?? ''}> `);
    prompt();
    // One line at a time, in order: the next line waits until the bot has answered the last.
    for await (const line of rl) {
      if (line.trim() === '/quit') break;
      await this.onLine(line);
      prompt();
    }
    rl.close();
  }
}

export function createTerminalAdapter(opts: TerminalOptions) {
  const chat = new TerminalChat(opts);
  return { transport: chat.transport, run: () => chat.run() };
}
