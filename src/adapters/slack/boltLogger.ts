import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/**
 * Bolt and the WebClient log whole request bodies at debug level (what members wrote, their names) and pass
 * error objects whose messages may quote a payload. This bridge keeps only what is safe: warnings and errors,
 * as a short message with no JSON in it, and an error's name and code. Debug and info are dropped.
 */
export function boltLogger(logger: Logger): SlackLogger {
  let level = LogLevel.WARN;
  const safe = (args: unknown[]) => {
    const fields: Record<string, unknown> = { source: 'slack-sdk' };
    let msg = '';
    for (const a of args) {
      if (a instanceof Error) {
        fields.err = a;
      } else if (typeof a === 'string' && !msg) {
        // A message that carries a body or a URL with a query is cut at the first brace or quote.
        msg = a.split(/[{["]/, 1)[0]!.slice(0, 240);
      }
    }
    return [fields, msg || 'slack sdk message'] as const;
  };
  return {
    debug: () => {},
    info: () => {},
    warn: (...args: unknown[]) => logger.warn(...safe(args)),
    error: (...args: unknown[]) => logger.error(...safe(args)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
