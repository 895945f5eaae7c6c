/**
 * What a database error means, whichever driver raised it. postgres.js raises Node's socket errors and its own
 * CONNECTION_* codes, PostgreSQL sends SQLSTATEs, PGlite says it is closed, and drizzle wraps all of them in a
 * "Failed query" error whose `cause` is the real one. The rest of the code asks only: is the database out of
 * reach (try again later, the update is not applied), or is this a bug?
 */

/** Node's socket and name-resolution errors: the server could not be reached or the connection broke. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EHOSTDOWN',
  'ENETUNREACH', 'ENETDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'ESOCKETTIMEDOUT',
]);

/** postgres.js: a connection that closed, ended or never came up in time. */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);

/**
 * PostgreSQL SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 53 (insufficient
 * resources: too many connections, out of memory, disk full), 57P01–57P03 (admin shutdown, crash shutdown,
 * cannot connect now, as while starting up), 57014 (a statement cancelled or timed out), 58 (I/O trouble),
 * and 25006 (a read-only server: a standby after a failover).
 */
const OUTAGE_STATES = new Set(['57P01', '57P02', '57P03', '57014', '25006']);
const OUTAGE_CLASSES = ['08', '53', '58'];

/** PGlite, once closed (during shutdown) or closing. */
const PGLITE_CLOSED = /^PGlite is clos(ed|ing)$/;

type ErrorLike = { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };

/** The error and everything it wraps: drizzle's `cause` chain, and each attempt of an AggregateError. */
function* chain(err: unknown, depth = 0): Generator<ErrorLike> {
  if (!err || typeof err !== 'object' || depth > 6) return;
  const e = err as ErrorLike;
  yield e;
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
  yield* chain(e.cause, depth + 1);
}

function isOutageCode(code: string): boolean {
  return SOCKET_CODES.has(code) || DRIVER_CODES.has(code) || OUTAGE_STATES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && OUTAGE_CLASSES.includes(code.slice(0, 2)));
}

/** True when the database is out of reach or cannot serve now: nothing was applied, and trying later may work. */
export function isDatabaseOutage(err: unknown): boolean {
  for (const e of chain(err)) {
    if (typeof e.code === 'string' && isOutageCode(e.code)) return true;
    if (typeof e.message === 'string' && PGLITE_CLOSED.test(e.message)) return true;
  }
  return false;
}

/** The code that says what happened (the innermost one), for logs: never a message, which may quote data. */
export function databaseErrorCode(err: unknown): string | undefined {
  let found: string | undefined;
  for (const e of chain(err)) if (typeof e.code === 'string') found = e.code;
  return found;
}

/** The innermost error that carries a code or a message: what the server or the socket actually said. */
function rootCause(err: unknown): ErrorLike & { severity?: unknown } {
  let root: ErrorLike = (err ?? {}) as ErrorLike;
  for (const e of chain(err)) if (typeof e.code === 'string') root = e;
  return root;
}

/** `postgres://user@host:port/db` without the password, for telling a person which server was meant. */
export function describeDatabaseUrl(url: string): { shown: string; host: string; database: string } {
  try {
    const u = new URL(url);
    u.password = '';
    const host = `${u.hostname}:${u.port || '5432'}`;
    return { shown: u.toString(), host, database: decodeURIComponent(u.pathname.replace(/^\//, '')) };
  } catch {
    return { shown: '(not a URL)', host: '?', database: '?' };
  }
}

/**
 * One paragraph for the person starting the bot: which setting, which server, and what went wrong, in plain
 * words with the code. Never the password, never a bare "Failed query".
 */
export function describeStartupDatabaseError(err: unknown, where: { url?: string; dataDir: string }): string {
  const root = rootCause(err);
  const code = typeof root.code === 'string' ? root.code : undefined;
  const said = typeof root.message === 'string' ? root.message.split('\n')[0]! : String(err);
  if (!where.url) {
    return `The embedded database in DATA_DIR=${where.dataDir} could not be opened${code ? ` (${code})` : ''}: ${said}. ` +
      'Check that the folder is writable and not damaged, or set DATABASE_URL to use a PostgreSQL server.';
  }
  const { shown, host, database } = describeDatabaseUrl(where.url);
  const reason = reasonOf(code, said, host, database);
  return `Cannot use the database in DATABASE_URL (${shown}): ${reason}${code ? ` [${code}]` : ''}.`;
}

function reasonOf(code: string | undefined, said: string, host: string, database: string): string {
  switch (code) {
    case 'ECONNREFUSED': return `${host} refused the connection; is PostgreSQL running there, on that port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN': return `the host name in ${host} could not be resolved`;
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT': return `${host} did not answer in time (a firewall, or the wrong host?)`;
    case 'ECONNRESET':
    case 'CONNECTION_CLOSED': return `${host} closed the connection (TLS required, or the server is restarting?)`;
    case '28P01':
    case '28000': return `${host} did not accept the user name or password: ${said}`;
    case '3D000': return `${host} has no database "${database}": ${said}`;
    case '53300': return `${host} has no connection left for the bot: ${said}`;
    case '57P03': return `${host} is starting up or shutting down; try again in a moment`;
    default: return `${host}: ${said}`;
  }
}
