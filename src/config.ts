import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { parseDate } from './bot/dates.js';

/** The one place that reads the environment. Everything else receives a `Config`. */

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const optionalUrl = (what: string) =>
  optionalString.refine((v) => v === undefined || URL.canParse(v), { message: `must be a URL (${what})` });

const intInRange = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

const timezone = z
  .string()
  .default('Asia/Shanghai')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, { message: 'must be an IANA time zone such as Asia/Shanghai' });

const schema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Names this process in logs and metrics; unset: the host name and a random suffix, new at each start. */
  INSTANCE_ID: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_.-]{1,64}$/.test(v), { message: 'must be 1–64 characters of A-Z a-z 0-9 _ . -' }),
  /** The process's HTTP server: /healthz, /readyz, /metrics (and the console). 0: any free port. */
  CONSOLE_PORT: intInRange(8080, 0, 65535),
  /** Where it listens: loopback unless a proxy or a container needs another address. */
  CONSOLE_HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** The console's public address, used in the sign-in links the bot sends; unset: http://127.0.0.1:CONSOLE_PORT. https: cookies are Secure. */
  CONSOLE_URL: optionalUrl('https://console.example.gov.cn').refine((v) => v === undefined || !v.endsWith('/'), { message: 'must not end with /' }),
  /** A sign-in link from /console works once, for this many minutes. */
  CONSOLE_LINK_MINUTES: intInRange(10, 1, 60),
  /** A console session unused for this long ends. */
  CONSOLE_IDLE_MINUTES: intInRange(30, 5, 480),
  /** /readyz fails when an outbox message has been due longer than this (nothing is sending). */
  READY_OUTBOX_MAX_AGE_SECONDS: intInRange(300, 10, 86_400),
  /** Where backups of the embedded database go; unset: a `backups` folder in DATA_DIR. */
  BACKUP_DIR: optionalString,
  /** Backups kept; older ones are deleted after each new one. */
  BACKUP_KEEP: intInRange(7, 1, 365),
  /** The nightly backup (embedded database only) runs at this UTC hour (19 = 03:00 in China). */
  BACKUP_HOUR_UTC: intInRange(19, 0, 23),
  /** A shutdown that has not finished after this long exits anyway. */
  SHUTDOWN_TIMEOUT_S: intInRange(20, 1, 600),
  DATABASE_URL: optionalUrl('postgres://user@host:5432/db'),
  DATA_DIR: z.string().default('./data'),
  /** PGlite's shared_buffers (its own default, 128MB, makes it hold ~140 MB more resident memory than a branch needs). */
  PGLITE_SHARED_BUFFERS: z.string().regex(/^\d+(kB|MB|GB)$/, 'a size such as 16MB').default('16MB'),
  /** PGlite on a worker thread of its own (the second core; a long query holds up no chat) or on the main thread. */
  PGLITE_THREAD: z.enum(['main', 'worker']).default('worker'),
  /** Where the terminal saves documents sent to it (exports); unset: an `exports` folder in DATA_DIR. */
  EXPORTS_DIR: optionalString,
  DEFAULT_TIMEZONE: timezone,
  /** 'auto' opens the terminal chat when no platform token is set. */
  TERMINAL: z.enum(['auto', 'on', 'off']).default('auto'),
  INVITE_CODE_TTL_DAYS: intInRange(14, 1, 365),
  INVITE_CODE_MAX_ATTEMPTS: intInRange(5, 1, 50),
  INVITE_CODE_LOCK_MINUTES: intInRange(30, 1, 24 * 60),
  /** Wrong invite codes in an hour, all accounts together, past which the top admins/secretaries are alerted (once an hour). */
  INVITE_CODE_ALERT_THRESHOLD: intInRange(20, 1, 100_000),
  /** An unfinished conversation is closed quietly after this long. */
  CONVERSATION_TIMEOUT_HOURS: intInRange(48, 1, 24 * 30),
  /** A monthly report after this day of the month is kept but marked late. */
  REPORT_DUE_DAY: intInRange(20, 1, 28),
  OUTBOX_MAX_ATTEMPTS: intInRange(8, 1, 100),
  /** Sends at most whose outcome is not yet recorded: after a crash or an outage, at most this many go twice. */
  OUTBOX_IN_FLIGHT: intInRange(3, 1, 100),
  /** How long an instance's claim on messages holds unless renewed: a dead instance's are sent by another after this. */
  OUTBOX_LEASE_SECONDS: intInRange(10, 2, 600),
  /** Platform limits the sender keeps under (per process). Telegram: ~30/s overall, 1/s per chat, 20/min per group. */
  TELEGRAM_PER_SECOND: intInRange(30, 1, 1000),
  TELEGRAM_PER_CHAT_PER_SECOND: intInRange(1, 1, 100),
  TELEGRAM_PER_GROUP_PER_MINUTE: intInRange(20, 1, 6000),
  /** Slack: about 1 message a second per channel. */
  SLACK_PER_SECOND: intInRange(20, 1, 1000),
  SLACK_PER_CHANNEL_PER_SECOND: intInRange(1, 1, 100),
  /** 'off' leaves reminders, digests and study pushes to another instance. */
  SCHEDULES: z.enum(['on', 'off']).default('on'),
  /** Monthly cycle defaults; an organisation can set its own (report_cycle_settings). */
  REMINDER_DAY: intInRange(10, 1, 28),
  FOLLOW_UP_AFTER_DAYS: intInRange(5, 1, 20),
  LIAISON_AFTER_DAYS: intInRange(3, 0, 20),
  SECRETARY_AFTER_DAYS: intInRange(5, 0, 20),
  /** At most this many bot-initiated prompts per member in any 7 days (reminders, follow-ups, study). */
  WEEKLY_PROMPT_CAP: intInRange(3, 1, 14),
  /** Prompts reach members between these local hours: afternoon and evening, never at night. */
  OFF_PEAK_START_HOUR: intInRange(14, 0, 23),
  OFF_PEAK_END_HOUR: intInRange(21, 1, 24),
  /** No report and no logged contact for this many months: lost contact (失联). */
  LOST_CONTACT_MONTHS: intInRange(3, 1, 24),
  /** An urgent help request nobody took within this many hours goes to the branch secretary; as long again, to the organisation above. */
  URGENT_TAKE_HOURS: intInRange(2, 1, 72),
  /** A normal help request nobody took within this many days goes to the branch secretary. */
  NORMAL_TAKE_DAYS: intInRange(2, 1, 30),
  /** Probationary members due for confirmation within this many days are put before the secretary. */
  PROBATION_NOTICE_DAYS: intInRange(30, 1, 180),
  /** Locations older than this are deleted even with consent. */
  LOCATION_RETENTION_DAYS: intInRange(730, 30, 3650),
  /** What the outbox keeps of a message it has sent (or given up on) is purged after this many days. */
  OUTBOX_TEXT_RETENTION_DAYS: intInRange(7, 1, 365),
  /** The next Spring Festival, when make-up lessons (补课) are gathered; the list goes out this many days before. */
  SPRING_FESTIVAL_DATE: z.string().refine((v) => parseDate(v) !== undefined, { message: 'must be a date YYYY-MM-DD' }).default('2027-02-06'),
  MAKEUP_NOTICE_DAYS: intInRange(21, 1, 90),
  /** The months of the twice-yearly search for lost-contact members (“一找一”): the list goes out on the 1st. */
  SEARCH_CAMPAIGN_MONTHS: z.string().regex(/^\s*(1[0-2]|[1-9])\s*(,\s*(1[0-2]|[1-9])\s*)*$/, { message: 'must be months 1-12 separated by commas, e.g. 3,9' }).default('3,9'),
  /** The month (1-12) of the annual democratic evaluation (民主评议) unless an organisation sets its own. */
  EVALUATION_MONTH: intInRange(12, 1, 12),
  /** Members away are asked this many days before the Spring Festival (and an organisation's own holidays) whether they come home. */
  HOLIDAY_QUESTION_DAYS: intInRange(30, 1, 90),
  /** A liaison's home visit (登门走访) is due this many days after the member is home. */
  HOME_VISIT_DUE_DAYS: intInRange(7, 1, 60),
  /** Slack: the bot token (xoxb-…) turns the Slack adapter on. */
  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), { message: 'must be a bot token starting with xoxb-' }),
  /** Verifies every HTTP request from Slack; required unless SLACK_APP_TOKEN selects Socket Mode. */
  SLACK_SIGNING_SECRET: optionalString,
  /** An app-level token (xapp-…, scope connections:write) selects Socket Mode: no public URL needed. */
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), { message: 'must be an app-level token starting with xapp-' }),
  /** Port of the HTTP receiver (Events API, interactivity, slash commands all go to /slack/events). */
  SLACK_PORT: intInRange(3000, 1, 65535),
  /** Base URL of the Slack Web API; tests point it at a local fake. */
  SLACK_API_URL: optionalUrl('https://slack.com/api/'),
  /** Telegram: the token from @BotFather turns the Telegram adapter on (long polling unless a webhook URL is set). */
  TELEGRAM_BOT_TOKEN: optionalString.refine((v) => v === undefined || /^\d+:[\w-]{20,}$/.test(v), { message: 'must be a bot token from @BotFather, like 123456:ABC-DEF…' }),
  /** Public https URL Telegram posts updates to; setting it selects webhook mode. */
  TELEGRAM_WEBHOOK_URL: optionalUrl('https://bot.example.org/telegram'),
  /** Sent by Telegram in X-Telegram-Bot-Api-Secret-Token with every webhook call; required in webhook mode. */
  TELEGRAM_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{16,256}$/.test(v), {
    message: 'must be 16–256 characters of A-Z, a-z, 0-9, _ and - (Telegram allows no others)',
  }),
  /** Port of the local HTTP server that receives the webhook (behind your TLS proxy). */
  TELEGRAM_WEBHOOK_PORT: intInRange(8443, 1, 65535),
  /** Another Bot API server (a local telegram-bot-api, or a test server), without a trailing slash. */
  TELEGRAM_API_ROOT: optionalUrl('http://127.0.0.1:8081').refine((v) => v === undefined || !v.endsWith('/'), { message: 'must not end with /' }),
  /** The bot's @username for deep links; asked from Telegram (getMe) when unset. */
  TELEGRAM_BOT_USERNAME: optionalString.refine((v) => v === undefined || /^@?[A-Za-z][A-Za-z0-9_]{3,31}$/.test(v), { message: 'must be the bot\'s username, e.g. liandang_bot' }),
}).superRefine((env, ctx) => {
  if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'required when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN (HTTP mode verifies every request with it)' });
  }
  if (!env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET)) {
    ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set' });
  }
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'required when TELEGRAM_WEBHOOK_URL is set (every webhook call is checked against it)' });
  }
  if (!env.TELEGRAM_BOT_TOKEN && (env.TELEGRAM_WEBHOOK_URL || env.TELEGRAM_WEBHOOK_SECRET)) {
    ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'required when TELEGRAM_WEBHOOK_URL or TELEGRAM_WEBHOOK_SECRET is set' });
  }
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Bad configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The settings as the bot sees them: the process environment first, then the file ENV_FILE names (default
 * `.env` in the working directory) for what the environment leaves unset, then each setting's default.
 * A variable set in the environment, even to an empty value, is never overridden by the file.
 */
export function environment(env: Record<string, string | undefined> = process.env): Record<string, string | undefined> {
  const file = env.ENV_FILE?.trim() || '.env';
  if (!existsSync(file)) {
    if (env.ENV_FILE?.trim()) throw new ConfigError([`ENV_FILE: ${file} does not exist`]);
    return { ...env };
  }
  let fromFile: Record<string, string | undefined>;
  try {
    fromFile = parseEnv(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([`ENV_FILE: ${file} could not be read (${(err as { code?: string }).code ?? 'unreadable'})`]);
  }
  return { ...fromFile, ...env };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}
