import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Each line is one JSON object: `time` (ISO 8601), `level` (its name), `instance`, `msg` and ids.
 * Logs carry ids and codes only: never names, phone numbers, message texts or locations. The redact list
 * is a second line of defence for fields that should never have been logged in the first place.
 *
 * Errors go under `err` (or `error`) and are reduced to what an operator needs: the error's class (`type`),
 * its code and status, and the same for its causes. Never its message or stack: a driver's message quotes
 * the query's parameters, a platform's quotes what was sent. Because the class is logged as `type`, the
 * redaction of the key `name` (people's names) does not hide it.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream | pino.DestinationStream, opts: { instance?: string } = {}): Logger {
  return pino(
    {
      level,
      // One JSON object a line: ISO time, the level by name, and which instance wrote it.
      base: opts.instance ? { instance: opts.instance } : undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: errorSummary, error: errorSummary },
      redact: {
        paths: ['name', 'phone', 'text', 'lat', 'lng', 'location', 'body', '*.name', '*.phone', '*.text', '*.lat', '*.lng', '*.body'],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination(2),
  );
}

export interface ErrorSummary {
  type: string;
  code?: string | number;
  status?: number;
  /** A platform's error code carried in the response (Slack's `data.error`, e.g. channel_not_found). */
  detail?: string;
  cause?: ErrorSummary;
}

/** A code is an identifier (ECONNREFUSED, 57P01, 400:chat_not_found), never a sentence. */
const CODE_SHAPE = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_CAUSES = 4;

/** An error as a log may show it: class name, code, HTTP/API status, and its causes the same way. */
export function errorSummary(err: unknown, depth = 0): ErrorSummary {
  if (err === null || typeof err !== 'object') return { type: err === null ? 'null' : typeof err };
  const e = err as { name?: unknown; code?: unknown; status?: unknown; error_code?: unknown; data?: { error?: unknown }; cause?: unknown; constructor?: { name?: unknown } };
  const type = typeof e.name === 'string' && CODE_SHAPE.test(e.name) ? e.name : typeof e.constructor?.name === 'string' ? e.constructor.name : 'object';
  const out: ErrorSummary = { type };
  if ((typeof e.code === 'string' && CODE_SHAPE.test(e.code)) || (typeof e.code === 'number' && Number.isFinite(e.code))) out.code = e.code;
  const status = typeof e.error_code === 'number' ? e.error_code : typeof e.status === 'number' ? e.status : undefined;
  if (status !== undefined) out.status = status;
  const detail = e.data?.error;
  if (typeof detail === 'string' && CODE_SHAPE.test(detail)) out.detail = detail;
  if (e.cause !== undefined && depth < MAX_CAUSES) out.cause = errorSummary(e.cause, depth + 1);
  return out;
}
