import type { DbOrTx } from '../db/client.js';
import type { StaffRole } from '../db/schema/people.js';
import type { StoredConversation } from './conversation.js';
import type { Effect, FlowName, PersonFacts, Reply, StaffTextPurpose } from './flow.js';
import type { Incoming, IncomingBody, Platform } from './types.js';

/**
 * The feature registry. Every command and stand-alone button is declared once, by the feature that owns
 * it: parsing, /help, the Telegram command menus and the Slack manifest all derive from these declarations,
 * so they cannot drift apart. The core imports no feature; main builds the registry from the feature list.
 */

/** Who may use a command or button. The guard is applied once, by the router, never inside a handler. */
export type Audience = 'anyone' | 'member' | 'staff';

/** What a handler sees of the turn it runs in. */
export interface TurnContext {
  tx: DbOrTx;
  facts: PersonFacts;
  now: Date;
  platform: Platform;
  current: StoredConversation | undefined;
  /** Every declared command, for the replies that list them (/help). */
  commands: readonly CommandInfo[];
  /**
   * A turn outside a transaction: the writes its last statement makes after the version check (bot_turn_finish,
   * migration 0030), instead of a transaction of their own. Absent in a transaction: effects write at once.
   */
  deferred?: DeferredEffect[];
}

/** A write left for the turn's last statement: a monthly report (save_monthly_report's arguments). */
export interface DeferredEffect {
  kind: 'monthlyReport';
  member: number; period: string; at: string; late: boolean;
  movedSinceLast: boolean; work: string; hasDifficulty: boolean; studied: boolean; platform: string;
}

/** What a command asks of the conversation in progress. */
export type Outcome =
  /** Answer, and leave any open question where it is. */
  | { kind: 'reply'; replies: Reply[] }
  /** Answer, and end the conversation in progress. */
  | { kind: 'end'; replies: Reply[] }
  /** Start a flow (ending what was in progress), optionally after some lead replies. */
  | { kind: 'flow'; flow: FlowName; arg?: string; lead?: Reply[] };

/** The roles that run a branch: secretaries and organisation admins (the tools that manage members and send). */
export const MANAGERS: readonly StaffRole[] = ['secretary', 'org_admin'];

export const answer = (replies: Reply[]): Outcome => ({ kind: 'reply', replies });

export interface CommandSpec {
  /** The slash name (`/report`); its menu description is the catalogue key `cmd-<name>`. */
  name: string;
  /** Other slash names that mean the same (`/checkin`). */
  aliases?: readonly string[];
  /** Whole messages older members type instead of a slash command (报到, 菜单). */
  words?: readonly string[];
  who: Audience;
  /** Listed in the platforms' command menus (members' list for 'anyone'/'member', staff's list for 'staff'). */
  menu?: boolean;
  /**
   * A staff tool only some roles can use (a liaison cannot send a broadcast): its menu entry shows only to
   * people holding one of these. Absent: every staff role. The tool's own permission check still decides.
   */
  roles?: readonly StaffRole[];
  /** On Slack: a slash command of its own (`/report`), or a sub-command of /staff (an app has few slash commands). */
  slack?: { slash: string } | 'sub';
  run(ctx: TurnContext, arg: string): Promise<Outcome> | Outcome;
  /**
   * A step that cannot be undone (a transfer): `run` only asks, and this does it once the person who asked
   * presses the confirmation button, with the arguments `run` kept for it.
   */
  confirmed?(ctx: TurnContext, arg: string): Promise<Reply[]>;
  /** Also answered in a group chat (where no conversation runs and the sender may be unlinked). */
  inGroup?(ctx: GroupContext, arg: string): Promise<Reply[]>;
}

export interface GroupContext {
  tx: DbOrTx;
  personId: number | null;
  incoming: Incoming;
  now: Date;
}

/** A button that acts on its own, outside any conversation: its payload carries what it acts on. */
export interface ButtonSpec {
  pattern: RegExp;
  who: Audience;
  /** Replies, or (like a command) an outcome: a button that asks for a staff note starts a conversation. */
  run(ctx: TurnContext, match: RegExpExecArray): Promise<Reply[] | Outcome>;
}

/** An effect a flow asks for that a feature carries out (a confirmed broadcast is sent by the broadcasts feature). */
export type FeatureEffect = Extract<Effect, { kind: 'sendBroadcast' | 'saveJobWish' | StaffTextPurpose }>;
export type EffectHandler<E extends FeatureEffect = FeatureEffect> = (ctx: TurnContext, effect: E) => Promise<Reply[]>;

export type FileBody = Extract<IncomingBody, { kind: 'file' }>;

export interface Feature {
  name: string;
  commands?: CommandSpec[];
  buttons?: ButtonSpec[];
  effects?: { [K in FeatureEffect['kind']]?: EffectHandler<Extract<FeatureEffect, { kind: K }>> };
  /** A file sent outside any conversation (a roster from a secretary). The first feature that answers wins. */
  file?(ctx: TurnContext, file: FileBody): Promise<Reply[] | undefined>;
}

export type ParsedCommand = { spec: CommandSpec; arg: string } | { unknown: true };

/** What adapters may know of the commands: enough for menus and slash commands, nothing to run. */
export type CommandInfo = Pick<CommandSpec, 'name' | 'aliases' | 'who' | 'menu' | 'slack' | 'roles'>;

export interface Registry {
  readonly commands: readonly CommandSpec[];
  /**
   * A slash command or one of the typed words; undefined for ordinary text. For staff, a staff command's word
   * may be followed by its arguments as the slash command would be ("导出 花名册"); from anyone else a staff
   * word is ordinary text, and a member's words stand alone, so what a member writes is never taken for a command.
   */
  parse(text: string, sender?: { isStaff: boolean }): ParsedCommand | undefined;
  command(name: string): CommandSpec | undefined;
  button(payload: string): { spec: ButtonSpec; match: RegExpExecArray } | undefined;
  effect(kind: FeatureEffect['kind']): EffectHandler | undefined;
  fileHandlers: readonly NonNullable<Feature['file']>[];
}

const normaliseWord = (s: string) => s.trim().toLowerCase();

export function createRegistry(features: readonly Feature[]): Registry {
  const commands = features.flatMap((f) => f.commands ?? []);
  const bySlash = new Map<string, CommandSpec>();
  const byWord = new Map<string, CommandSpec>();
  for (const spec of commands) {
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      if (bySlash.has(name)) throw new Error(`command /${name} is declared twice`);
      bySlash.set(name, spec);
    }
    for (const word of spec.words ?? []) byWord.set(normaliseWord(word), spec);
  }
  const buttons = features.flatMap((f) => f.buttons ?? []);
  const effects = new Map(features.flatMap((f) => Object.entries(f.effects ?? {})) as [FeatureEffect['kind'], EffectHandler][]);
  return {
    commands,
    parse(text, sender) {
      const trimmed = text.trim();
      if (!trimmed.startsWith('/')) {
        // A staff tool's word (记录, 安排) is ordinary text from anyone else: a member may write it in a report.
        const forSender = (spec: CommandSpec | undefined) => (spec?.who === 'staff' && !sender?.isStaff ? undefined : spec);
        const spec = forSender(byWord.get(normaliseWord(trimmed)));
        if (spec) return { spec, arg: '' };
        const [head = '', ...rest] = trimmed.split(/\s+/);
        const withArg = forSender(byWord.get(normaliseWord(head)));
        return withArg?.who === 'staff' ? { spec: withArg, arg: rest.join(' ') } : undefined;
      }
      const [head = '', ...rest] = trimmed.slice(1).split(/\s+/);
      // Telegram appends the bot's name in groups: /report@our_bot.
      const spec = bySlash.get(head.replace(/@.*$/, '').toLowerCase());
      return spec ? { spec, arg: rest.join(' ') } : { unknown: true };
    },
    command: (name) => bySlash.get(name),
    button(payload) {
      for (const spec of buttons) {
        const match = spec.pattern.exec(payload);
        if (match) return { spec, match };
      }
      return undefined;
    },
    effect: (kind) => effects.get(kind),
    fileHandlers: features.flatMap((f) => (f.file ? [f.file.bind(f)] : [])),
  };
}

/** The part of the registry adapters see. */
export function commandInfo(registry: Pick<Registry, 'commands'>): CommandInfo[] {
  return registry.commands.map(({ name, aliases, who, menu, slack, roles }) => ({
    name, who, ...(aliases ? { aliases } : {}), ...(menu ? { menu } : {}), ...(slack ? { slack } : {}), ...(roles ? { roles } : {}),
  }));
}

/**
 * The commands in a platform menu: members see theirs; staff see theirs too, then the tools their roles can
 * use (all staff tools when `roles` is not given).
 */
export function menuCommands(commands: readonly CommandInfo[], audience: 'member' | 'staff', roles?: readonly StaffRole[]): CommandInfo[] {
  const forMembers = commands.filter((c) => c.menu && c.who !== 'staff');
  if (audience === 'member') return forMembers;
  const mayUse = (c: CommandInfo) => !roles || !c.roles || c.roles.some((r) => roles.includes(r));
  return [...forMembers, ...commands.filter((c) => c.menu && c.who === 'staff' && mayUse(c))];
}
