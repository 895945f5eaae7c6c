import { typedChoice } from '../conversation.js';
import { CANCEL_PAYLOAD, reply, type PersonFacts, type Reply } from '../flow.js';
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

/** Buttons that stand on their own (a digest's "log a call", a notice's "已学习"). */
const standalone: Handler = async (s, body, registry) => {
  if (body.kind !== 'button') return undefined;
  const found = registry.button(body.payload);
  if (!found) return undefined;
  return refusal(found.spec.who, s.facts) ?? found.spec.run(s.ctx, found.match);
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

const ROUTE: readonly Handler[] = [command, cancel, menuChoice, standalone, file, conversation, staleButton, sharedLocation];

export async function converse(s: Session, incoming: IncomingBody, registry: Registry): Promise<Reply[]> {
  let body = incoming;
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
