import { createHmac } from 'node:crypto';
import type { PostedMessage, SlackBlock } from './fakeSlack.js';

/**
 * Requests as Slack sends them to an app: Events API JSON, interactive payloads and slash commands as
 * form posts, each signed with the v0 scheme (HMAC-SHA256 over `v0:<timestamp>:<raw body>`).
 */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPost {
  body: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Sign with this secret instead of the right one. */
  secret?: string;
  /** Replace the signature altogether. */
  signatureOverride?: string;
  retryNum?: number;
}

export async function postToSlackApp(url: string, secret: string, req: SignedPost): Promise<{ status: number; text: string; ms: number }> {
  const timestamp = req.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': req.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': req.signatureOverride ?? signature(req.secret ?? secret, timestamp, req.body),
  };
  if (req.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(req.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const started = Date.now();
  const res = await fetch(url, { method: 'POST', headers, body: req.body });
  return { status: res.status, text: await res.text(), ms: Date.now() - started };
}

let counter = 0;
const next = () => `${Date.now().toString(36)}${(++counter).toString(36)}`.toUpperCase();

export function eventRequest(event: Record<string, unknown>, eventId = `Ev${next()}`): SignedPost & { eventId: string } {
  const body = JSON.stringify({
    token: 'legacy-unused',
    team_id: 'T0001',
    api_app_id: 'A0001',
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0001', user_id: 'UBOT0001', is_bot: true }],
  });
  return { body, contentType: 'application/json', eventId };
}

export function directMessage(user: string, channel: string, text: string, extra: Record<string, unknown> = {}) {
  return eventRequest({ type: 'message', channel, channel_type: 'im', user, text, ts: `${Date.now() / 1000}`, ...extra });
}

function interactive(payload: Record<string, unknown>): SignedPost {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** A tap on a button of a message the bot posted (as the fake Slack now holds it). */
export function buttonPress(user: string, message: PostedMessage, value: string, triggerId = `T${next()}`): SignedPost {
  const element = findButton(message.blocks, value);
  if (!element) throw new Error(`no button with value ${value} on message ${message.ts}`);
  return interactive({
    type: 'block_actions',
    team: { id: 'T0001' },
    user: { id: user, team_id: 'T0001' },
    api_app_id: 'A0001',
    trigger_id: triggerId,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: { id: message.channel, name: 'directmessage' },
    message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks, user: 'UBOT0001' },
    actions: [{ type: 'button', action_id: element.action_id, block_id: element.block_id, value: element.value, text: element.text, action_ts: `${Date.now() / 1000}` }],
  });
}

/** A tap on an App Home button. */
export function homeButtonPress(user: string, view: { blocks: SlackBlock[] }, value: string, triggerId = `T${next()}`): SignedPost {
  const element = findButton(view.blocks, value);
  if (!element) throw new Error(`no home button with value ${value}`);
  return interactive({
    type: 'block_actions',
    team: { id: 'T0001' },
    user: { id: user, team_id: 'T0001' },
    api_app_id: 'A0001',
    trigger_id: triggerId,
    container: { type: 'view', view_id: 'VHOME' },
    view: { id: 'VHOME', type: 'home', blocks: view.blocks },
    actions: [{ type: 'button', action_id: element.action_id, block_id: element.block_id, value: element.value, text: element.text, action_ts: `${Date.now() / 1000}` }],
  });
}

export function viewSubmission(user: string, view: { id: string; callback_id: string; private_metadata: string }, values: Record<string, Record<string, { type: string; value: string }>>): SignedPost {
  return interactive({
    type: 'view_submission',
    team: { id: 'T0001' },
    user: { id: user, team_id: 'T0001' },
    api_app_id: 'A0001',
    trigger_id: `T${next()}`,
    view: { ...view, type: 'modal', state: { values }, hash: `h${next()}` },
  });
}

export function slashCommand(user: string, command: string, text = '', channel = { id: 'C0GENERAL', name: 'general' }): SignedPost {
  return {
    body: new URLSearchParams({
      token: 'legacy-unused', team_id: 'T0001', team_domain: 'test', channel_id: channel.id, channel_name: channel.name,
      user_id: user, user_name: 'someone', command, text, api_app_id: 'A0001', response_url: 'http://127.0.0.1:9/unused', trigger_id: `T${next()}`,
    }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

export function findButton(blocks: SlackBlock[], value: string) {
  for (const b of blocks) {
    for (const e of b.elements ?? []) if (e.type === 'button' && e.value === value) return { ...e, block_id: b.block_id };
    const acc = (b as { accessory?: { type: string; value?: string } }).accessory;
    if (acc?.type === 'button' && acc.value === value) return { ...(acc as never as { action_id: string; value: string; text: unknown }), block_id: b.block_id };
  }
  return undefined;
}

/** What a person sees of a posted message: the section texts, and the core's buttons (not the write-box button). */
export function seen(message: PostedMessage): { text: string; buttons: { label: string; payload: string }[][] } {
  const text = message.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '').join('');
  const buttons = message.blocks
    .filter((b) => b.type === 'actions')
    .map((b) => (b.elements ?? []).filter((e) => e.type === 'button' && e.action_id !== 'write').map((e) => ({ label: typeof e.text === 'string' ? e.text : e.text?.text ?? '', payload: e.value ?? '' })))
    .filter((row) => row.length > 0);
  return { text, buttons };
}
