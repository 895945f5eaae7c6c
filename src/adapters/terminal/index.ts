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
export function createTerminalAdapter(opts: TerminalOptions) {
  const { core, demo, clock, output } = opts;
  const lang = opts.language ?? 'zh-CN';
  const runId = clock.now().getTime().toString(36);
  let counter = 0;
  let currentUser = '';
  let guests = 0;
  const names = new Map<string, string>();
  const lastButtons = new Map<string, string[]>();
  const interactive = Boolean((opts.input as { isTTY?: boolean }).isTTY);
  const write = (line: string) => output.write(`${line}\n`);
  const say = (key: string, args?: Record<string, string | number>) => write(t(lang, key, args));

  const transport = createTerminalPort({ lang, write, currentUser: () => currentUser, names, lastButtons, exportsDir: opts.exportsDir });

  async function refreshPeople() {
    const people = await demo.people();
    for (const p of people) names.set(p.terminalUserId, p.name);
    return people;
  }

  async function listPeople() {
    const people = await refreshPeople();
    say('terminal-people-title');
    people.forEach((p, i) => write(`   ${i + 1}. ${p.name}${p.terminalUserId === currentUser ? ' ←' : ''}`));
    say('terminal-people-hint');
  }

  async function switchTo(arg: string) {
    if (arg === 'new') {
      currentUser = `guest-${runId}-${++guests}`;
      names.set(currentUser, t(lang, 'terminal-guest'));
      say('terminal-now-guest');
      return;
    }
    const people = await refreshPeople();
    const chosen = people[Number(arg) - 1] ?? people.find((p) => p.name === arg);
    if (!chosen) return listPeople();
    currentUser = chosen.terminalUserId;
    say('terminal-now-talking-as', { name: chosen.name });
  }

  function bodyFor(line: string): IncomingBody {
    const gps = /^\/gps\s+(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)$/.exec(line);
    if (gps) return { kind: 'location', lat: Number(gps[1]), lng: Number(gps[2]) };
    const choices = lastButtons.get(currentUser);
    if (choices && /^\d+$/.test(line)) {
      const payload = choices[Number(line) - 1];
      if (payload) return { kind: 'button', payload };
    }
    return { kind: 'text', text: line };
  }

  async function onLine(raw: string) {
    const line = raw.trim();
    if (!line) return;
    if (line === '/demo') {
      if (!(await demo.isEmpty())) return say('terminal-demo-exists');
      const seeded = await demo.seed();
      say('terminal-demo-created', { code: formatCode(seeded.inviteCode), name: seeded.inviteFor });
      const first = seeded.people.find((p) => p.role === 'member' && p.terminalUserId);
      await refreshPeople();
      if (first?.terminalUserId) await switchTo(first.name);
      return listPeople();
    }
    if (line === '/as' || line.startsWith('/as ')) {
      const arg = line.slice(3).trim();
      return arg ? switchTo(arg) : listPeople();
    }
    if (!currentUser) await switchTo('new');
    const result = await core.handle({
      platform: 'terminal',
      updateId: `${runId}-${++counter}`,
      chatId: currentUser,
      chatKind: 'private',
      userId: currentUser,
      body: bodyFor(line),
    });
    if (result.status === 'unavailable') say('common-try-later');
    await opts.drain();
  }

  /** Resolves when the input ends (end of a piped script, or Ctrl-D). */
  async function run(): Promise<void> {
    core.registerTransport(transport);
    say('terminal-banner');
    if (await demo.isEmpty()) {
      say('terminal-empty-offer');
    } else {
      const people = await refreshPeople();
      const firstMember = people.find((p) => p.isMember) ?? people[0];
      if (firstMember) currentUser = firstMember.terminalUserId;
      await listPeople();
    }
    const rl = createInterface({ input: opts.input, terminal: false });
    const prompt = () => interactive && output.write(`${names.get(currentUser) ?? ''}> `);
    prompt();
    // One line at a time, in order: the next line waits until the bot has answered the last.
    for await (const line of rl) {
      if (line.trim() === '/quit') break;
      await onLine(line);
      prompt();
    }
    rl.close();
  }

  return { transport, run };
}
