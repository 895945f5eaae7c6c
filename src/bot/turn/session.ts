import type { DbOrTx } from '../../db/client.js';
import { saveConversation, type PendingSave, type StoredConversation } from '../conversation.js';
import { applyEffect } from '../effects.js';
import { reply, type FlowEvent, type FlowName, type PersonFacts, type Reply, type StepResult } from '../flow.js';
import { flows } from '../flows/index.js';
import { menu } from '../menu.js';
import type { DeferredEffect, Outcome, Registry, TurnContext } from '../registry.js';
import { renderReply } from '../render.js';
import { SECRET_ARGS } from '../sensitive.js';
import type { OutgoingMessage, Platform } from '../types.js';

/** Flows that need a member record: staff without one get a kind refusal instead. */
const MEMBER_FLOWS: readonly FlowName[] = ['checkIn', 'location', 'help', 'thoughtReport', 'consent'];
/** A flow that keeps chaining into itself is a bug; stop rather than loop. */
const MAX_CHAINED_FLOWS = 4;

export type Turn = { replies: Reply[]; next: Omit<StoredConversation, 'version'> | undefined };
export type FlowStart = { kind: 'start'; flow: FlowName; arg?: string } | { kind: 'step'; conversation: StoredConversation; event: FlowEvent };

export interface SessionOptions {
  registry: Registry;
  reportDueDay: number;
  timeoutHours: number;
  /** The conversation is left for the caller to write with the replies (`pendingSave`), in one statement. */
  deferSave?: boolean;
}

/**
 * One person's turn inside its transaction: runs flow steps and their effects, and stores where the
 * conversation stands afterwards (with the version check that makes two deliveries apply once).
 */
export class Session {
  /** Each reply is rendered once per turn: for the buttons remembered with the conversation and for the outbox alike. */
  private readonly rendered = new Map<Reply, OutgoingMessage>();
  /** With `deferSave`: what `finish` would have written, for the caller to write (with its version check). */
  pendingSave: PendingSave | undefined;

  constructor(
    readonly ctx: TurnContext,
    private readonly opts: SessionOptions,
  ) {}

  /** A reply in the person's language (as it stands after this turn's effects). */
  render(r: Reply): OutgoingMessage {
    let message = this.rendered.get(r);
    if (!message) {
      message = renderReply(this.facts.language, r);
      this.rendered.set(r, message);
    }
    return message;
  }

  get facts(): PersonFacts {
    return this.ctx.facts;
  }

  /** Runs one step (or start), applies its effects, and starts queued flows when it ends. */
  async runFlows(first: FlowStart, queue: StoredConversation['queue'] = []): Promise<Turn> {
    const { ctx } = this;
    const replies: Reply[] = [];
    let pending = [...queue];
    let flowName: FlowName = first.kind === 'start' ? first.flow : first.conversation.flow;
    let result: StepResult<unknown> =
      first.kind === 'start'
        ? flows[first.flow].start({ now: ctx.now, facts: ctx.facts }, first.arg)
        : flows[first.conversation.flow].step(first.conversation.state, first.event, { now: ctx.now, facts: ctx.facts });
    for (let chained = 0; ; chained++) {
      replies.push(...result.replies);
      for (const effect of result.effects ?? []) {
        const applied = await applyEffect(ctx, effect, { reportDueDay: this.opts.reportDueDay, featureEffect: (kind) => this.opts.registry.effect(kind) });
        replies.push(...applied.replies);
        // Facts are read once per turn; what an effect changed is carried forward, not read again.
        if (applied.facts) ctx.facts = { ...ctx.facts, ...applied.facts };
      }
      if (result.state !== null) return { replies, next: { flow: flowName, state: result.state, queue: pending } };
      pending = [...(result.then ?? []), ...pending];
      const following = pending.shift();
      if (!following || chained >= MAX_CHAINED_FLOWS) return { replies, next: undefined };
      flowName = following.flow;
      result = flows[following.flow].start({ now: ctx.now, facts: ctx.facts }, following.arg);
    }
  }

  /** Stores the conversation as the turn left it, and returns what to say. */
  async finish(turn: Turn): Promise<Reply[]> {
    const { tx, facts, now, current } = this.ctx;
    const save: PendingSave = { personId: facts.personId, previous: current, next: turn.next && withOffered(turn.next, turn.replies, (r) => this.render(r)), timeoutAt: this.timeoutFrom(now) };
    if (this.opts.deferSave && !this.pendingSave) this.pendingSave = save;
    else await saveConversation(tx, save.personId, save.previous, save.next, now, save.timeoutAt);
    return turn.replies;
  }

  async startFlow(flow: FlowName, arg?: string, lead: Reply[] = []): Promise<Reply[]> {
    if (MEMBER_FLOWS.includes(flow) && !this.facts.isMember) return this.finish({ replies: [reply('common-members-only'), menu(this.facts)], next: undefined });
    // /report in the middle of a report carries on where it stopped, rather than starting over.
    const resumed = arg ? undefined : this.resume(flow);
    if (resumed) return [...lead, ...resumed];
    const turn = await this.runFlows({ kind: 'start', flow, ...(arg ? { arg } : {}) });
    return this.finish({ replies: [...lead, ...turn.replies], next: turn.next });
  }

  /** The open question asked again, when it belongs to `flow` (or to any flow, without one). */
  resume(flow?: FlowName): Reply[] | undefined {
    const { current } = this.ctx;
    if (!current?.asked || (flow !== undefined && current.flow !== flow)) return undefined;
    return [reply('common-resume'), current.asked];
  }

  /** Carries out what a command asked for. */
  async settle(outcome: Outcome): Promise<Reply[]> {
    switch (outcome.kind) {
      case 'reply':
        return outcome.replies;
      case 'end':
        return this.finish({ replies: outcome.replies, next: undefined });
      case 'flow':
        return this.startFlow(outcome.flow, outcome.arg, outcome.lead);
    }
  }

  timeoutFrom(now: Date): Date {
    return new Date(now.getTime() + this.opts.timeoutHours * 3_600_000);
  }
}

/** Remembers the buttons of the last question so that typing a label works like tapping it. */
export function withOffered(next: NonNullable<Turn['next']>, replies: Reply[], render: (r: Reply) => OutgoingMessage): NonNullable<Turn['next']> {
  const last = [...replies].reverse().find((r) => r.buttons?.length || r.expects);
  if (!last) return next;
  const rendered = render(last);
  // A file handed over is not a question to ask again; a question carrying a secret (an invite code) is not kept.
  const { document: _file, ...asked } = last;
  const keep = !SECRET_ARGS.some((name) => asked.args?.[name] !== undefined);
  return { ...next, offered: (rendered.buttons ?? []).flat(), wantsText: Boolean(last.expects), ...(keep ? { asked } : {}) };
}

export function turnContext(tx: DbOrTx, facts: PersonFacts, now: Date, platform: Platform, current: StoredConversation | undefined, registry: Registry, deferred?: DeferredEffect[]): TurnContext {
  return { tx, facts, now, platform, current, commands: registry.commands, ...(deferred ? { deferred } : {}) };
}
