import type { CommandInfo } from '../../bot/registry.js';
import type { Incoming, IncomingBody } from '../../bot/types.js';

/** The parts of a Slack message event this adapter reads. */
export interface SlackMessageEvent {
  type: string;
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  files?: { id: string; mimetype?: string }[];
}

/** Message subtypes that are a person saying something; the rest (edits, joins, bot posts) are ignored. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/** Slack escapes &, < and > in message text, and wraps links and mentions in <…>. */
export function plainTextOf(text: string): string {
  return text
    .replace(/<([^>|]+)\|([^>]+)>/g, '$2')
    .replace(/<(https?:[^>]+|mailto:[^>]+|geo:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Slack has no "share my location". A member may paste a map link instead; the point goes to the core, which
 * keeps only the city. Understood: geo:lat,lng; Google Maps ?q=lat,lng / @lat,lng; Amap/Gaode position=lng,lat.
 */
export function pointOfMapLink(text: string): { lat: number; lng: number } | undefined {
  const t = text.trim();
  if (/\s/.test(t)) return undefined;
  const num = String.raw`(-?\d{1,3}(?:\.\d+)?)`;
  const latLng =
    new RegExp(`^geo:${num},${num}`).exec(t) ??
    new RegExp(`^https?://(?:maps\\.google\\.[a-z.]+|(?:www\\.)?google\\.[a-z.]+/maps)[^\\s]*?[?&](?:q|query|ll)=${num},${num}`).exec(t) ??
    new RegExp(`^https?://(?:www\\.)?google\\.[a-z.]+/maps/[^\\s]*@${num},${num}`).exec(t);
  if (latLng) return valid(Number(latLng[1]), Number(latLng[2]));
  const amap = new RegExp(`^https?://(?:uri|m|www)\\.amap\\.com/[^\\s]*?[?&]position=${num},${num}`).exec(t);
  if (amap) return valid(Number(amap[2]), Number(amap[1]));
  return undefined;
}

function valid(lat: number, lng: number) {
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : undefined;
}

function bodyOfText(raw: string): IncomingBody {
  const text = plainTextOf(raw);
  const point = pointOfMapLink(text);
  return point ? { kind: 'location', ...point } : { kind: 'text', text };
}

/**
 * A direct message to the bot as Incoming (one per attached file, the caption on the first). The update id
 * is the Events API `event_id`, the same on every retry of one delivery, so the core applies it once.
 */
export function incomingOfDirectMessage(eventId: string, event: SlackMessageEvent): Incoming[] {
  if (event.channel_type !== 'im' || !event.channel || !event.user || event.bot_id || !PERSON_SUBTYPES.has(event.subtype)) return [];
  const base = { platform: 'slack' as const, chatId: event.channel, chatKind: 'private' as const, userId: event.user };
  const files = event.files ?? [];
  const text = event.text ? plainTextOf(event.text).trim() : '';
  if (files.length === 0) {
    // A message with nothing the bot reads (a forwarded post, a bare attachment) still gets an answer.
    return [{ ...base, updateId: eventId, body: text ? bodyOfText(event.text!) : { kind: 'unreadable', what: 'other' } }];
  }
  return files.map((f, i) => ({
    ...base,
    updateId: i === 0 ? eventId : `${eventId}:${i}`,
    body: { kind: 'file', fileRef: f.id, ...(f.mimetype ? { mime: f.mimetype } : {}), ...(i === 0 && text ? { caption: text } : {}) },
  }));
}

/**
 * A mention in a channel is Slack's way of addressing the bot, as a command is in a Telegram group: it goes to
 * the core as a command (`@bot report` → `/report`), which answers in the channel that personal matters belong
 * in the DM. The bot does not otherwise read channels.
 */
export function incomingOfMention(eventId: string, event: { channel?: string; user?: string; text?: string; bot_id?: string }, botUserId: string | undefined): Incoming | undefined {
  if (!event.channel || !event.user || event.bot_id) return undefined;
  const said = plainTextOf((event.text ?? '').replace(new RegExp(`<@${botUserId ?? 'U[A-Z0-9]+'}>`, 'g'), '')).trim();
  const text = said.startsWith('/') ? said : `/${said || 'menu'}`;
  return { platform: 'slack', updateId: eventId, chatId: event.channel, chatKind: 'group', userId: event.user, body: { kind: 'text', text } };
}

/** The slash command under which staff tools are sub-commands: `/staff caseload`, `/staff hr 12 take`. */
export const STAFF_SLASH = '/staff';

/**
 * The slash commands the manifest declares, from the commands the features declare: a member command with
 * a slash of its own maps to itself; staff tools go under /staff. Both become the text the core parses.
 */
export function slashCommands(declared: readonly CommandInfo[]): Record<string, string> {
  const table: Record<string, string> = {};
  // A Slack name may differ from the command's own (/mystatus, as Slack keeps /status): the core gets its name.
  for (const c of declared) if (typeof c.slack === 'object') table[c.slack.slash] = `/${c.name}`;
  if (declared.some((c) => c.slack === 'sub')) table[STAFF_SLASH] = STAFF_SLASH;
  return table;
}

/** The text a slash command stands for: its core command, and any words after it (`/invite 12`, `/staff log 3 电话`). */
export function textOfSlashCommand(command: string, text: string | undefined, table: Record<string, string>): string | undefined {
  const base = Object.hasOwn(table, command.toLowerCase()) ? table[command.toLowerCase()] : undefined;
  if (!base) return undefined;
  const rest = (text ?? '').trim();
  if (base === STAFF_SLASH) return `/${rest || 'help'}`;
  return rest ? `${base} ${rest}` : base;
}
