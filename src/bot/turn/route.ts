import { typedChoice } from '../conversation.js';
import { button, CANCEL_PAYLOAD, reply, type PersonFacts, type Reply } from '../flow.js';
import { flows } from '../flows/index.js';
import { menu } from '../menu.js';
import type { Audience, Registry } from '../registry.js';
import { renderReply } from '../render.js';
import type { IncomingBody } from '../types.js';
import type { Session } from './session.js';

/**
 * A linked person's message, routed by an ordered list of handlers: the first that recognises the message
 * answers it. The order is the precedence: a command always works, a tap acts on what it names, anything
 * else goes to the open conversation, and with none open the menu is offered.
 */
type Handler = (s: Session, body: IncomingBody, registry: Registry) => Promise<Reply[] | undefined>;

/** The guard each command and button declares, applied here once. */
export function refusal(who: Audience, facts: PersonFacts): Reply[] | undefined {
  if (who === 'staff' && !facts.isStaff) return [reply('common-staff-only')];
  if (who === 'member' && !facts.isMember) return [reply('common-members-only'), menu(facts)];
  return undefined;
}

const command: Handler = async (s, body, registry) => {
  if (body.kind !== 'text') return undefined;
  const parsed = registry.parse(body.text, s.facts);
  if (!parsed) return undefined;
  if ('unknown' in parsed) return [reply('common-unknown-command'), menu(s.facts)];
  const refused = refusal(parsed.spec.who, s.facts);
  if (refused) return parsed.spec.who === 'member' ? s.finish({ replies: refused, next: undefined }) : refused;
  return s.settle(await parsed.spec.run(s.ctx, parsed.arg));
};

const cancel: Handler = async (s, body) => {
  if (body.kind !== 'button' || body.payload !== CANCEL_PAYLOAD) return undefined;
  return s.finish({ replies: [reply(s.ctx.current ? 'common-cancelled' : 'common-nothing-to-cancel'), menu(s.facts)], next: undefined });
};

/** The main menu's buttons: a flow to start, or a command by its name. */
const menuChoice: Handler = async (s, body, registry) => {
  if (body.kind !== 'button' || !body.payload.startsWith('menu:')) return undefined;
  const choice = body.payload.slice('menu:'.length);
  if (Object.hasOwn(flows, choice)) return s.startFlow(choice as keyof typeof flows);
  const spec = registry.command(choice);
  if (!spec) return [reply('common-stale-button'), menu(s.facts)];
  return refusal(spec.who, s.facts) ?? s.settle(await spec.run(s.ctx, ''));
};

/** A lone number typed into a free-text answer: ask whether it was meant as text or as the menu item with that number. */
function numberOrMenu(s: Session, body: IncomingBody): Promise<Reply[]> | undefined {
  const current = s.ctx.current;
  if (body.kind !== 'text' || !current?.wantsText) return undefined;
  const typed = body.text.normalize('NFKC').trim();
  if (!/^\d{1,2}$/.test(typed)) return undefined;
  const item = menuButtons(s)[Number(typed) - 1];
  if (!item) return undefined;
  const question = reply('typed-number-ask', {
    args: { number: typed, label: item.label },
    buttons: [[button('typed-number-keep', `typed:keep:${typed}`)], [button('typed-number-go', `typed:go:${item.payload}`, { label: item.label })]],
  });
  return s.finish({ replies: [question], next: { flow: current.flow, state: current.state, queue: current.queue } });
}

/** The answer to that question: the number goes to the open conversation after all, or the menu item opens. */
const numberAnswer: Handler = async (s, body, registry) => {
  if (body.kind !== 'button' || !body.payload.startsWith('typed:')) return undefined;
  const current = s.ctx.current;
  const keep = /^typed:keep:(\d{1,2})$/.exec(body.payload);
  if (keep && current) return s.finish(await s.runFlows({ kind: 'step', conversation: current, event: { kind: 'text', text: keep[1]! } }, current.queue));
  if (body.payload.startsWith('typed:go:menu:')) return menuChoice(s, { kind: 'button', payload: body.payload.slice('typed:go:'.length) }, registry);
  return undefined;
};

/** Buttons that stand on their own (a digest's "log a call", a notice's "已学习"). */
const standalone: Handler = async (s, body, registry) => {
  if (body.kind !== 'button') return undefined;
  const found = registry.button(body.payload);
  if (!found) return undefined;
  const refused = refusal(found.spec.who, s.facts);
  if (refused) return refused;
  const out = await found.spec.run(s.ctx, found.match);
  return Array.isArray(out) ? out : s.settle(out);
};

/** What the open conversation asked for: a tap on its buttons, or whatever it waits for. */
const conversation: Handler = async (s, body) => {
  const current = s.ctx.current;
  if (!current) return undefined;
  if (body.kind === 'button' && flows[current.flow].prefix !== body.payload.split(':', 1)[0]) return undefined;
  return s.finish(await s.runFlows({ kind: 'step', conversation: current, event: body }, current.queue));
};

/** A button from a question already answered or abandoned: harmless, and said so. */
const staleButton: Handler = async (s, body) =>
  body.kind === 'button' ? [reply('common-stale-button'), ...(s.ctx.current ? [] : [menu(s.facts)])] : undefined;

/** A spreadsheet from staff outside any conversation is for a feature (a roster to import). */
const file: Handler = async (s, body, registry) => {
  if (body.kind !== 'file' || s.ctx.current) return undefined;
  for (const handle of registry.fileHandlers) {
    const replies = await handle(s.ctx, body);
    if (replies) return replies;
  }
  return undefined;
};

/** A point shared out of the blue is an update of whereabouts: go straight to confirming it. */
const sharedLocation: Handler = async (s, body) => {
  if (body.kind !== 'location' || !s.facts.isMember) return undefined;
  const turn = await s.runFlows({ kind: 'start', flow: 'location' });
  if (turn.next?.flow === 'location' && (turn.next.state as { step: string }).step === 'how') {
    return s.finish(await s.runFlows({ kind: 'step', conversation: { ...turn.next, version: 0 }, event: body }));
  }
  return s.finish(turn);
};

/**
 * A sticker, or a photo or voice message with no question open that wants one: say what the bot can read.
 * In a conversation the question stands, asked again.
 */
const unreadable: Handler = async (s, body) => {
  if (body.kind === 'unreadable') return [reply('common-cannot-read', { args: { what: body.what } }), ...(s.ctx.current ? [] : [menu(s.facts)])];
  if (body.kind === 'file' && !s.ctx.current) return [reply('common-cannot-read', { args: { what: fileKind(body.mime) } }), menu(s.facts)];
  return undefined;
};

/** What a file is, in the words the answer uses. */
export function fileKind(mime: string | undefined): string {
  if (mime?.startsWith('image/')) return 'photo';
  if (mime?.startsWith('audio/')) return 'voice';
  if (mime?.startsWith('video/')) return 'video';
  return 'file';
}

const ROUTE: readonly Handler[] = [command, cancel, menuChoice, numberAnswer, standalone, file, unreadable, conversation, staleButton, sharedLocation];

export async function converse(s: Session, incoming: IncomingBody, registry: Registry): Promise<Reply[]> {
  let body = incoming;
  const unsure = registry.parse(incoming.kind === 'text' ? incoming.text : '', s.facts) ? undefined : numberOrMenu(s, incoming);
  if (unsure) return unsure;
  if (body.kind === 'text' && !registry.parse(body.text, s.facts)) {
    // Typing a button's label (or its number) is a tap; with no question open, the menu is what was last seen.
    const asked = s.ctx.current ?? { flow: 'checkIn' as const, state: null, queue: [], version: 0, offered: menuButtons(s) };
    const typed = typedChoice(asked, body.text);
    if (typed) body = { kind: 'button', payload: typed };
  }
  for (const handler of ROUTE) {
    const replies = await handler(s, body, registry);
    if (replies) return replies;
  }
  return [menu(s.facts, 'common-menu-hint')];
}

function menuButtons(s: Session) {
  return renderReply(s.facts.language, menu(s.facts)).buttons?.flat() ?? [];
}
