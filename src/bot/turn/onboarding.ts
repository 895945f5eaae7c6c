import { eq } from 'drizzle-orm';
import { locationConsents, persons } from '../../db/schema/index.js';
import { loadConversation } from '../conversation.js';
import { loadFacts } from '../facts.js';
import { dataButton, reply, type PersonFacts, type Reply } from '../flow.js';
import type { Language } from '../i18n/index.js';
import { looksLikeCode, redeemInviteCode } from '../invites.js';
import { menu } from '../menu.js';
import type { Registry } from '../registry.js';
import type { Incoming } from '../types.js';
import type { Identity } from './arrival.js';
import { fileKind } from './route.js';
import { Session, turnContext, type SessionOptions } from './session.js';
import type { DbOrTx } from '../../db/client.js';

export interface OnboardingOptions extends SessionOptions {
  registry: Registry;
  maxAttempts: number;
  lockMinutes: number;
  alertThreshold?: number;
}

/**
 * An account not yet linked to a person: the only thing it can do is redeem an invite code, typed or carried
 * by a deep link (/start CODE). Once linked, a member is asked for location consent before anything else.
 */
export interface Onboarded {
  replies: Reply[];
  /** Set when this turn linked the account: to whom, and the language its answers are in. */
  linked?: { personId: number; language: Language };
}

export async function onboard(tx: DbOrTx, identity: Identity, incoming: Incoming, now: Date, opts: OnboardingOptions): Promise<Onboarded> {
  const replies = await answerNewAccount(tx, identity, incoming, now, opts);
  if (Array.isArray(replies)) return { replies };
  return replies;
}

async function answerNewAccount(tx: DbOrTx, identity: Identity, incoming: Incoming, now: Date, opts: OnboardingOptions): Promise<Reply[] | Required<Onboarded>> {
  const text = incoming.body.kind === 'text' ? incoming.body.text.trim() : '';
  const parsed = opts.registry.parse(text);
  const viaStart = parsed && 'spec' in parsed && parsed.spec.name === 'start';
  const candidate = viaStart ? parsed.arg : text;
  // A sticker or a photo from a new account gets an answer too: what the bot reads, and what it needs first.
  const cannotRead = incoming.body.kind === 'unreadable' ? incoming.body.what : incoming.body.kind === 'file' ? fileKind(incoming.body.mime) : undefined;
  if (cannotRead) return [reply('common-cannot-read', { args: { what: cannotRead } }), reply('onboarding-ask-code')];
  if (!candidate || !looksLikeCode(candidate)) return viaStart && candidate ? [reply('onboarding-bad-code-shape')] : [reply('onboarding-ask-code')];
  const outcome = await redeemInviteCode(tx, identity, candidate, now, { maxAttempts: opts.maxAttempts, lockMinutes: opts.lockMinutes, ...(opts.alertThreshold !== undefined ? { alertThreshold: opts.alertThreshold } : {}) });
  switch (outcome.kind) {
    case 'locked':
      return [reply('onboarding-locked', { args: { minutes: outcome.minutes } })];
    case 'bad-code':
      return [reply('onboarding-bad-code', { args: { left: outcome.attemptsLeft } })];
    case 'already-linked':
      return [reply('onboarding-already-linked')];
    case 'linked':
      return welcome(tx, outcome.personId, incoming, now, opts);
  }
}

async function welcome(tx: DbOrTx, personId: number, incoming: Incoming, now: Date, opts: OnboardingOptions): Promise<Required<Onboarded>> {
  const facts = (await loadFacts(tx, personId, now))!;
  const replies = await welcomeReplies(tx, facts, incoming, now, opts);
  // Read after the step: a language chosen while linking applies to its own confirmation.
  const [person] = await tx.select({ language: persons.language }).from(persons).where(eq(persons.id, personId));
  return { replies, linked: { personId, language: person?.language ?? 'zh-CN' } };
}

async function welcomeReplies(tx: DbOrTx, facts: PersonFacts, incoming: Incoming, now: Date, opts: OnboardingOptions): Promise<Reply[]> {
  const personId = facts.personId;
  const greeting = reply('onboarding-welcome');
  const current = await loadConversation(tx, personId);
  if (current) {
    // Linked a second platform mid-conversation: carry on here where it stopped.
    return [greeting, reply('onboarding-resume', { buttons: (current.offered ?? []).map((o) => [dataButton(o.label, o.payload)]) })];
  }
  const [asked] = facts.isMember ? await tx.select().from(locationConsents).where(eq(locationConsents.memberId, personId)) : [];
  if (facts.isMember && !asked?.askedAt) {
    const session = new Session(turnContext(tx, facts, now, incoming.platform, undefined, opts.registry), opts);
    return [greeting, ...(await session.startFlow('consent'))];
  }
  return [greeting, menu(facts)];
}
