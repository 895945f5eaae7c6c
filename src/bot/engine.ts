import { and, eq, lt, lte, isNotNull } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Database, DbOrTx } from '../db/client.js';
import { databaseErrorCode, isDatabaseOutage } from '../db/errors.js';
import { conversations, identities, locationConsents, persons, processedUpdates } from '../db/schema/index.js';
import type { Logger } from '../logger.js';
import { enqueue, preferredIdentity } from '../outbox/enqueue.js';
import type { Clock } from './clock.js';
import { myMembers, inviteMember } from './commands/staff.js';
import { myStatus } from './commands/status.js';
import { studyDelivery } from './commands/delivery.js';
import { previewBroadcast } from './broadcasts.js';
import { bindGroup } from './commands/groups.js';
import { parseCommand, type Command } from './commands/parse.js';
import { runStaffTool } from './commands/staffTools.js';
import { importRosterFile, type FileFetcher } from '../roster/chatImport.js';
import { ConcurrentUpdateError, loadConversation, saveConversation, typedChoice, type StoredConversation } from './conversation.js';
import { applyEffect } from './effects.js';
import { findButtonAction } from './actions/index.js';
import { loadFacts } from './facts.js';
import { CANCEL_PAYLOAD, dataButton, reply, type FlowEvent, type FlowName, type PersonFacts, type Reply, type StepResult } from './flow.js';
import { flowOfPayload, flows } from './flows/index.js';
import { t } from './i18n/index.js';
import { looksLikeCode, redeemInviteCode } from './invites.js';
import { menu } from './menu.js';
import { renderReply } from './render.js';
import type { HandleResult } from './core.js';
import type { Incoming } from './types.js';

export type EngineConfig = Pick<
  Config,
  'INVITE_CODE_MAX_ATTEMPTS' | 'INVITE_CODE_LOCK_MINUTES' | 'INVITE_CODE_TTL_DAYS' | 'CONVERSATION_TIMEOUT_HOURS' | 'REPORT_DUE_DAY'
>;

export interface EngineOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  config: EngineConfig;
  /** Downloads files people send (a roster); without it, files are not imported. */
  files?: FileFetcher;
  /** Called after a transaction that queued messages has committed. */
  onQueued?: () => void;
}

const MEMBER_FLOWS: readonly FlowName[] = ['checkIn', 'location', 'help', 'thoughtReport', 'consent'];
const MAX_RACE_RETRIES = 5;
/** A flow that keeps chaining into itself is a bug; stop rather than loop. */
const MAX_CHAINED_FLOWS = 4;

type Identity = typeof identities.$inferSelect;
type Turn = { replies: Reply[]; next: Omit<StoredConversation, 'version'> | undefined };

export function createEngine(opts: EngineOptions) {
  const { database, clock, logger, config } = opts;
  const db = database.db;

  async function handle(incoming: Incoming): Promise<HandleResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        const outcome = await db.transaction((tx) => handleInTransaction(tx, incoming));
        if (outcome.status === 'applied') opts.onQueued?.();
        return outcome;
      } catch (err) {
        if (err instanceof ConcurrentUpdateError && attempt < MAX_RACE_RETRIES) continue;
        if (isDatabaseOutage(err)) return unavailable(incoming, err);
        logger.error({ platform: incoming.platform, updateId: incoming.updateId, err: { name: (err as Error).name, code: (err as { code?: string }).code } }, 'handling failed');
        return answerWithApology(incoming);
      }
    }
  }

  /** Nothing was applied: the adapter keeps the update (or the platform redelivers it) until the database is back. */
  function unavailable(incoming: Incoming, err: unknown): HandleResult {
    logger.warn({ platform: incoming.platform, updateId: incoming.updateId, code: databaseErrorCode(err) }, 'database unavailable');
    return { status: 'unavailable' };
  }

  /** A bug must not leave the member talking to a wall: record the update and say sorry. */
  async function answerWithApology(incoming: Incoming): Promise<HandleResult> {
    try {
      await recordApology(incoming);
    } catch (err) {
      if (isDatabaseOutage(err)) return unavailable(incoming, err);
      throw err;
    }
    opts.onQueued?.();
    return { status: 'applied' };
  }

  async function recordApology(incoming: Incoming): Promise<void> {
    await db.transaction(async (tx) => {
      const now = clock.now();
      const fresh = await tx.insert(processedUpdates).values({ platform: incoming.platform, updateId: incoming.updateId, processedAt: now }).onConflictDoNothing().returning();
      if (fresh.length === 0) return;
      await enqueue(tx, [{ idempotencyKey: `reply:${incoming.platform}:${incoming.updateId}:0`, platform: incoming.platform, chatId: incoming.chatId, purpose: 'reply', message: { text: t('zh-CN', 'common-error') }, notBefore: now }], now);
    });
  }

  async function handleInTransaction(tx: DbOrTx, incoming: Incoming): Promise<HandleResult> {
    const now = clock.now();
    const fresh = await tx
      .insert(processedUpdates)
      .values({ platform: incoming.platform, updateId: incoming.updateId, processedAt: now })
      .onConflictDoNothing()
      .returning();
    if (fresh.length === 0) return { status: 'duplicate' };

    const identity = await touchIdentity(tx, incoming, now);
    let replies: Reply[];
    let language = 'zh-CN' as PersonFacts['language'];
    if (incoming.chatKind === 'group') {
      // Member flows run in private only: nothing personal is asked where others read. Only a command
      // gets an answer; the bot does not chime in on a branch group's conversation.
      const addressed = incoming.body.kind === 'text' && incoming.body.text.trim().startsWith('/');
      const command = incoming.body.kind === 'text' ? parseCommand(incoming.body.text) : undefined;
      replies = command?.name === 'bindGroup' ? await bindGroup(tx, identity.personId, incoming, now) : addressed ? [reply('group-private-only')] : [];
    } else if (identity.personId === null) {
      replies = await onboard(tx, identity, incoming, now);
      if (identity.personId === null) {
        const linked = await tx.select({ personId: identities.personId }).from(identities).where(eq(identities.id, identity.id));
        identity.personId = linked[0]?.personId ?? null;
      }
    } else {
      replies = await converse(tx, identity.personId, incoming, now);
    }
    if (identity.personId !== null) {
      // Read after the step: a language change applies to its own confirmation.
      const [person] = await tx.select({ language: persons.language }).from(persons).where(eq(persons.id, identity.personId));
      if (person) language = person.language;
    }
    await enqueue(
      tx,
      replies.map((r, i) => ({
        idempotencyKey: `reply:${incoming.platform}:${incoming.updateId}:${i}`,
        platform: incoming.platform,
        chatId: incoming.chatId,
        chatKind: incoming.chatKind,
        // A group's failure (the bot removed from it) must not mark the member who asked unreachable.
        ...(incoming.chatKind === 'private' ? { identityId: identity.id } : {}),
        ...(identity.personId !== null ? { personId: identity.personId } : {}),
        purpose: 'reply',
        message: renderReply(language, r),
        notBefore: now,
      })),
      now,
    );
    logger.debug({ platform: incoming.platform, updateId: incoming.updateId, identityId: identity.id, replies: replies.length }, 'update applied');
    return { status: 'applied' };
  }

  async function touchIdentity(tx: DbOrTx, incoming: Incoming, now: Date): Promise<Identity> {
    // Writing to us again means the account is reachable again, whatever the platform said before.
    const [row] = await tx
      .insert(identities)
      .values({ platform: incoming.platform, externalUserId: incoming.userId, chatId: incoming.chatKind === 'private' ? incoming.chatId : incoming.userId, lastSeenAt: now })
      .onConflictDoUpdate({
        target: [identities.platform, identities.externalUserId],
        set: {
          lastSeenAt: now,
          unreachableSince: null,
          ...(incoming.chatKind === 'private' ? { chatId: incoming.chatId } : {}),
        },
      })
      .returning();
    return row!;
  }

  async function onboard(tx: DbOrTx, identity: Identity, incoming: Incoming, now: Date): Promise<Reply[]> {
    const body = incoming.body;
    const text = body.kind === 'text' ? body.text.trim() : '';
    const command = parseCommand(text);
    const candidate = command?.name === 'start' ? command.arg : text;
    if (!candidate || !looksLikeCode(candidate)) {
      return command?.name === 'start' && candidate ? [reply('onboarding-bad-code-shape')] : [reply('onboarding-ask-code')];
    }
    const outcome = await redeemInviteCode(tx, identity, candidate, now, { maxAttempts: config.INVITE_CODE_MAX_ATTEMPTS, lockMinutes: config.INVITE_CODE_LOCK_MINUTES });
    switch (outcome.kind) {
      case 'locked':
        return [reply('onboarding-locked', { args: { minutes: outcome.minutes } })];
      case 'bad-code':
        return [reply('onboarding-bad-code', { args: { left: outcome.attemptsLeft } })];
      case 'already-linked':
        return [reply('onboarding-already-linked')];
      case 'linked': {
        const facts = (await loadFacts(tx, outcome.personId, now))!;
        const welcome = reply('onboarding-welcome');
        const current = await loadConversation(tx, facts.personId);
        if (current) {
          // Linked a second platform mid-conversation: carry on here where it stopped.
          return [welcome, reply('onboarding-resume', { buttons: (current.offered ?? []).map((o) => [dataButton(o.label, o.payload)]) })];
        }
        const [asked] = facts.isMember ? await tx.select().from(locationConsents).where(eq(locationConsents.memberId, facts.personId)) : [];
        if (facts.isMember && !asked?.askedAt) {
          const turn = await runFlows(tx, facts, { kind: 'start', flow: 'consent' }, [], now, incoming.platform);
          await saveConversation(tx, facts.personId, undefined, turn.next && withOffered(turn.next, turn.replies, facts.language), now, timeoutFrom(now));
          return [welcome, ...turn.replies];
        }
        return [welcome, menu(facts)];
      }
    }
  }

  /** Remembers the buttons of the last question so that typing a label works like tapping it. */
  function withOffered(next: NonNullable<Turn['next']>, replies: Reply[], language: PersonFacts['language']): NonNullable<Turn['next']> {
    const last = [...replies].reverse().find((r) => r.buttons?.length || r.expects);
    if (!last) return next;
    const rendered = renderReply(language, last);
    return { ...next, offered: (rendered.buttons ?? []).flat(), wantsText: Boolean(last.expects) };
  }

  function timeoutFrom(now: Date): Date {
    return new Date(now.getTime() + config.CONVERSATION_TIMEOUT_HOURS * 3_600_000);
  }

  async function converse(tx: DbOrTx, personId: number, incoming: Incoming, now: Date): Promise<Reply[]> {
    const facts = await loadFacts(tx, personId, now);
    if (!facts) return [reply('common-error')];
    const current = await loadConversation(tx, personId);
    let body = incoming.body;
    const finish = async (turn: Turn) => {
      await saveConversation(tx, personId, current, turn.next && withOffered(turn.next, turn.replies, facts.language), now, timeoutFrom(now));
      return turn.replies;
    };
    const startFlow = async (flow: FlowName, arg?: string, lead: Reply[] = []) => {
      if (MEMBER_FLOWS.includes(flow) && !facts.isMember) return finish({ replies: [reply('common-members-only'), menu(facts)], next: undefined });
      const turn = await runFlows(tx, facts, { kind: 'start', flow, ...(arg ? { arg } : {}) }, [], now, incoming.platform);
      return finish({ replies: [...lead, ...turn.replies], next: turn.next });
    };
    const endWith = (replies: Reply[]) => finish({ replies, next: undefined });
    const keep = (replies: Reply[]) => replies;

    const command = body.kind === 'text' ? parseCommand(body.text) : undefined;
    if (command) return runCommand(command, { tx, facts, now, startFlow, endWith, keep, current });
    if (body.kind === 'text') {
      // With no question open, the menu is what the person last saw.
      const asked = current ?? { flow: 'checkIn' as const, state: null, queue: [], version: 0, offered: renderReply(facts.language, menu(facts)).buttons?.flat() ?? [] };
      const typed = typedChoice(asked, body.text);
      if (typed) body = { kind: 'button', payload: typed };
    }

    if (body.kind === 'button') {
      const payload = body.payload;
      if (payload === CANCEL_PAYLOAD) return endWith([reply(current ? 'common-cancelled' : 'common-nothing-to-cancel'), menu(facts)]);
      if (payload.startsWith('menu:')) return runMenuChoice(payload.slice('menu:'.length), { tx, facts, now, startFlow, endWith, keep, current });
      const standalone = findButtonAction(payload);
      if (standalone) return keep(await standalone.action.run(tx, facts, standalone.match, now));
      if (current && flows[current.flow].prefix === payload.split(':', 1)[0]) {
        return finish(await runFlows(tx, facts, { kind: 'step', conversation: current, event: body }, current.queue, now, incoming.platform));
      }
      // A button from a question already answered or abandoned: harmless, and said so.
      return keep([reply('common-stale-button'), ...(current ? [] : [menu(facts)])]);
    }

    // A spreadsheet from staff outside any conversation is a roster (花名册) to import.
    if (body.kind === 'file' && !current && facts.isStaff && opts.files) return keep(await importRosterFile(tx, facts, incoming.platform, body, opts.files, now));
    if (current) return finish(await runFlows(tx, facts, { kind: 'step', conversation: current, event: body }, current.queue, now, incoming.platform));
    if (body.kind === 'location' && facts.isMember) {
      // A point shared out of the blue is an update of whereabouts: go straight to confirming it.
      const turn = await runFlows(tx, facts, { kind: 'start', flow: 'location' }, [], now, incoming.platform);
      if (turn.next?.flow === 'location' && (turn.next.state as { step: string }).step === 'how') {
        return finish(await runFlows(tx, facts, { kind: 'step', conversation: { ...turn.next, version: 0 }, event: body }, [], now, incoming.platform));
      }
      return finish(turn);
    }
    return keep([menu(facts, 'common-menu-hint')]);
  }

  interface CommandScope {
    tx: DbOrTx;
    facts: PersonFacts;
    now: Date;
    current: StoredConversation | undefined;
    startFlow: (flow: FlowName, arg?: string, lead?: Reply[]) => Promise<Reply[]>;
    endWith: (replies: Reply[]) => Promise<Reply[]>;
    keep: (replies: Reply[]) => Reply[];
  }

  async function runCommand(command: Command, s: CommandScope): Promise<Reply[]> {
    switch (command.name) {
      case 'start':
        if (command.arg && looksLikeCode(command.arg)) return s.keep([reply('onboarding-already-linked'), menu(s.facts)]);
        return s.endWith([menu(s.facts, 'menu-welcome-back')]);
      case 'menu':
        return s.endWith([menu(s.facts)]);
      case 'cancel':
        return s.endWith([reply(s.current ? 'common-cancelled' : 'common-nothing-to-cancel'), menu(s.facts)]);
      case 'helpText':
        return s.keep([reply(s.facts.isStaff ? 'help-text-staff' : 'help-text'), menu(s.facts)]);
      case 'status':
        return s.keep(await myStatus(s.tx, s.facts));
      case 'withdrawConsent':
        return s.startFlow('consent', 'withdraw');
      case 'flow':
        return s.startFlow(command.flow);
      case 'members':
        if (!s.facts.isStaff) return s.keep([reply('common-staff-only')]);
        return s.keep(await myMembers(s.tx, s.facts.personId, s.now));
      case 'invite':
        if (!s.facts.isStaff) return s.keep([reply('common-staff-only')]);
        return s.keep(await inviteMember(s.tx, s.facts.personId, command.arg, s.now, config.INVITE_CODE_TTL_DAYS));
      case 'broadcast': {
        if (!s.facts.isStaff) return s.keep([reply('common-staff-only')]);
        const preview = await previewBroadcast(s.tx, s.facts.personId, command.arg, s.now);
        return preview.flowArg ? s.startFlow('broadcast', preview.flowArg) : s.keep(preview.replies);
      }
      case 'delivery':
        if (!s.facts.isStaff) return s.keep([reply('common-staff-only')]);
        return s.keep(await studyDelivery(s.tx, s.facts.personId, s.now));
      case 'bindGroup':
        return s.keep([reply('group-bind-in-group')]);
      case 'staffTool':
        return s.keep(await runStaffTool(s.tx, s.facts, command.tool, command.arg, s.now));
      case 'unknown':
        return s.keep([reply('common-unknown-command'), menu(s.facts)]);
    }
  }

  async function runMenuChoice(choice: string, s: CommandScope): Promise<Reply[]> {
    if (choice === 'status') return runCommand({ name: 'status' }, s);
    if (choice === 'members') return runCommand({ name: 'members' }, s);
    if ((Object.keys(flows) as string[]).includes(choice)) return s.startFlow(choice as FlowName);
    return s.keep([reply('common-stale-button'), menu(s.facts)]);
  }

  type RunStart = { kind: 'start'; flow: FlowName; arg?: string } | { kind: 'step'; conversation: StoredConversation; event: FlowEvent };

  /** Runs one step (or start), applies its effects, and starts queued flows when it ends. */
  async function runFlows(tx: DbOrTx, initialFacts: PersonFacts, first: RunStart, queue: StoredConversation['queue'], now: Date, platform: Incoming['platform']): Promise<Turn> {
    let facts = initialFacts;
    const replies: Reply[] = [];
    let pending = [...queue];
    let flowName: FlowName = first.kind === 'start' ? first.flow : first.conversation.flow;
    let result: StepResult<unknown> =
      first.kind === 'start'
        ? flows[first.flow].start({ now, facts }, first.arg)
        : flows[first.conversation.flow].step(first.conversation.state, first.event, { now, facts });
    for (let chained = 0; ; chained++) {
      replies.push(...result.replies);
      for (const effect of result.effects ?? []) {
        replies.push(...(await applyEffect(tx, effect, { now, facts, platform, reportDueDay: config.REPORT_DUE_DAY })));
      }
      if (result.effects?.length) facts = (await loadFacts(tx, facts.personId, now)) ?? facts;
      if (result.state !== null) return { replies, next: { flow: flowName, state: result.state, queue: pending } };
      pending = [...(result.then ?? []), ...pending];
      const following = pending.shift();
      if (!following || chained >= MAX_CHAINED_FLOWS) return { replies, next: undefined };
      flowName = following.flow;
      result = flows[following.flow].start({ now, facts }, following.arg);
    }
  }

  /** Feeds the timeout event to conversations left unfinished; most end quietly. */
  async function expireConversations(limit = 200): Promise<number> {
    const now = clock.now();
    const due = await db
      .select({ personId: conversations.personId })
      .from(conversations)
      .where(and(isNotNull(conversations.timeoutAt), lte(conversations.timeoutAt, now)))
      .limit(limit);
    let expired = 0;
    for (const { personId } of due) {
      try {
        await db.transaction(async (tx) => {
          const current = await loadConversation(tx, personId);
          const facts = await loadFacts(tx, personId, now);
          if (!current || !facts) {
            await tx.delete(conversations).where(eq(conversations.personId, personId));
            return;
          }
          const turn = await runFlows(tx, facts, { kind: 'step', conversation: current, event: { kind: 'timeout' } }, [], now, 'terminal');
          await saveConversation(tx, personId, current, turn.next, now, timeoutFrom(now));
          const identity = turn.replies.length ? await preferredIdentity(tx, personId) : undefined;
          if (identity) {
            await enqueue(tx, turn.replies.map((r, i) => ({
              idempotencyKey: `timeout:${personId}:${current.version}:${i}`,
              platform: identity.platform, chatId: identity.chatId, identityId: identity.id, personId, purpose: 'reply',
              message: renderReply(facts.language, r), notBefore: now,
            })), now);
          }
        });
        expired++;
      } catch (err) {
        if (!(err instanceof ConcurrentUpdateError)) throw err;
      }
    }
    return expired;
  }

  /** Update ids are only needed while a platform may still redeliver (Telegram: 24 hours). */
  async function forgetOldUpdates(olderThanHours = 72): Promise<void> {
    const cutoff = new Date(clock.now().getTime() - olderThanHours * 3_600_000);
    await db.delete(processedUpdates).where(lt(processedUpdates.processedAt, cutoff));
  }

  return { handle, expireConversations, forgetOldUpdates };
}

export type Engine = ReturnType<typeof createEngine>;
