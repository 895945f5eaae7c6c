import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/** Slack's rule for signed requests: the timestamp within five minutes of our clock, either way. */
export const MAX_SKEW_SECONDS = 5 * 60;

/**
 * Whether a request's `X-Slack-Request-Timestamp` is within MAX_SKEW_SECONDS of now; undefined when there is
 * none (Bolt then refuses the request, unless it is Slack's unsigned ssl_check).
 */
export function timestampIsFresh(header: string | string[] | undefined, nowMs: number): boolean | undefined {
  if (header === undefined) return undefined;
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isFinite(seconds)) return false;
  return Math.abs(nowMs / 1000 - seconds) <= MAX_SKEW_SECONDS;
}

/**
 * Bolt's HTTP receiver refuses a request signed more than five minutes ago, but accepts one signed minutes
 * or days ahead: a request prepared for replay later, or a clock gone wrong. This bounds both sides, before
 * Bolt reads the body or checks the signature. Slack signs with wall-clock time, so this uses it too (not the
 * adapter's injected clock).
 */
export function refuseOutOfWindow(receiver: HTTPReceiver, logger: Logger, now: () => number = Date.now): void {
  const next = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (req.method === 'POST' && timestampIsFresh(req.headers['x-slack-request-timestamp'], now()) === false) {
      logger.warn({ platform: 'slack' }, 'slack: request timestamp out of range (stale or from the future), refused');
      req.resume();
      res.writeHead(401);
      res.end();
      return;
    }
    next(req, res);
  };
}
