import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.js';
import type { OutboundChat, OutgoingMessage, SendOutcome, Transport } from '../../bot/types.js';
import { renderMessage } from './blocks.js';

/**
 * Web API errors after which writing to this chat again is pointless: the channel or user is gone, the
 * account deactivated, or the bot is no longer in the channel. The sender marks the account unreachable.
 */
export const PERMANENT_ERRORS = new Set([
  'channel_not_found', 'account_inactive', 'not_in_channel', 'is_archived', 'user_not_found', 'user_disabled',
  'cannot_dm_bot', 'messages_tab_disabled', 'restricted_action', 'restricted_action_read_only_channel',
]);

/** This one message can never go (malformed or too long), while the chat itself is fine. */
export const REJECTED_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'no_text', 'too_many_attachments']);

/**
 * Everything else that comes back `ok:false` is worth another try later (the sender bounds the attempts):
 * Slack's own trouble (internal_error, fatal_error, service_unavailable, request_timeout), and errors of the
 * whole app (invalid_auth, token_revoked, missing_scope) that must not mark every member unreachable.
 */
export function outcomeOfError(err: unknown): Exclude<SendOutcome, { ok: true }> {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return { ok: false, kind: 'retry_after', seconds: Math.max(1, Math.ceil(e.retryAfter ?? 1)), code: 'ratelimited' };
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return { ok: false, kind: 'retry_after', seconds: 1, code };
      return { ok: false, kind: PERMANENT_ERRORS.has(code) ? 'permanent' : REJECTED_ERRORS.has(code) ? 'rejected' : 'transient', code };
    }
    case ErrorCode.HTTPError:
      return { ok: false, kind: 'transient', code: `http_${e.statusCode ?? 0}` };
    case ErrorCode.RequestError:
      return { ok: false, kind: 'transient', code: 'network' };
    default:
      return { ok: false, kind: 'transient', code: e.code ?? (err as Error)?.name ?? 'error' };
  }
}

/**
 * The sending half: one chat.postMessage per outbox row, result mapped precisely, no retry of its own
 * (the WebClient is built with no retries and rejectRateLimitedCalls, the outbox decides when to try again).
 * A chat id that is a user (U…/W…) is first opened as a DM; channels (C…/G…) and DMs (D…) are posted to directly.
 */
export function createSlackTransport(client: WebClient, logger: Logger): Transport & { dmChannelOf(userId: string): Promise<string> } {
  const dms = new Map<string, string>();

  async function dmChannelOf(userId: string): Promise<string> {
    const known = dms.get(userId);
    if (known) return known;
    const opened = await client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw Object.assign(new Error('conversations.open returned no channel'), { code: 'no_channel' });
    dms.set(userId, id);
    return id;
  }

  return {
    platform: 'slack',
    dmChannelOf,
    async send(chat: OutboundChat, message: OutgoingMessage): Promise<SendOutcome> {
      try {
        const channel = /^[UW]/.test(chat.chatId) ? await dmChannelOf(chat.chatId) : chat.chatId;
        const { text, blocks } = renderMessage(message);
        const result = await client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false });
        return { ok: true, ...(result.ts ? { messageId: result.ts } : {}) };
      } catch (err) {
        const outcome = outcomeOfError(err);
        logger.debug({ platform: 'slack', chatKind: chat.chatKind, kind: outcome.kind, code: outcome.code }, 'slack send failed');
        return outcome;
      }
    },
  };
}
