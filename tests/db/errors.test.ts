import { describe, expect, it } from 'vitest';
import { databaseErrorCode, describeStartupDatabaseError, isDatabaseOutage } from '../../src/db/errors.js';

/** How drizzle hands a driver's error on: a "Failed query" error whose cause is the driver's. */
const wrapped = (cause: object) => Object.assign(new Error('Failed query: insert into "processed_updates" …'), { cause });
const socket = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
const server = (code: string, message = 'server says no') => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('database errors', () => {
  it.each([
    ['refused', socket('ECONNREFUSED')],
    ['reset', socket('ECONNRESET')],
    ['timed out', socket('ETIMEDOUT')],
    ['host unreachable', socket('EHOSTUNREACH')],
    ['name not resolved', socket('ENOTFOUND')],
    ['postgres.js connection closed', server('CONNECTION_CLOSED')],
    ['postgres.js connect timeout', server('CONNECT_TIMEOUT')],
    ['admin shutdown', server('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown', server('57P02')],
    ['starting up', server('57P03', 'the database system is starting up')],
    ['too many connections (pool exhausted on the server)', server('53300', 'sorry, too many clients already')],
    ['connection failure', server('08006')],
    ['statement timeout', server('57014', 'canceling statement due to statement timeout')],
    ['read-only standby after a failover', server('25006')],
    ['PGlite closed during shutdown', new Error('PGlite is closed')],
  ])('%s is an outage, also when drizzle wraps it', (_what, err) => {
    expect(isDatabaseOutage(err)).toBe(true);
    expect(isDatabaseOutage(wrapped(err))).toBe(true);
  });

  it('looks into every attempt of an AggregateError (a host name with several addresses)', () => {
    const both = Object.assign(new AggregateError([socket('ECONNREFUSED'), socket('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' });
    expect(isDatabaseOutage(wrapped(both))).toBe(true);
    expect(isDatabaseOutage(new AggregateError([socket('EHOSTUNREACH')], ''))).toBe(true);
  });

  it.each([
    ['a syntax error', server('42601')],
    ['a unique violation', server('23505')],
    ['a type error in our code', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing at all', undefined],
  ])('%s is not an outage', (_what, err) => {
    expect(isDatabaseOutage(err)).toBe(false);
  });

  it('logs the innermost code', () => {
    expect(databaseErrorCode(wrapped(socket('ECONNREFUSED')))).toBe('ECONNREFUSED');
    expect(databaseErrorCode(new Error('x'))).toBeUndefined();
  });

  it('tells the person starting the bot which setting, which server and why, without the password', () => {
    const url = 'postgres://bot:s3cret@db.example.org:6543/liandang';
    const refused = describeStartupDatabaseError(wrapped(socket('ECONNREFUSED')), { url, dataDir: './data' });
    expect(refused).toContain('DATABASE_URL');
    expect(refused).toContain('db.example.org:6543');
    expect(refused).toContain('refused');
    expect(refused).not.toContain('s3cret');
    expect(refused).not.toContain('Failed query');
    const missing = describeStartupDatabaseError(wrapped(server('3D000', 'database "liandang" does not exist')), { url, dataDir: './data' });
    expect(missing).toContain('does not exist');
    const password = describeStartupDatabaseError(wrapped(server('28P01', 'password authentication failed for user "bot"')), { url, dataDir: './data' });
    expect(password).toContain('password authentication failed');
    expect(describeStartupDatabaseError(new Error('disk is read-only'), { dataDir: '/var/bot' })).toContain('DATA_DIR=/var/bot');
  });
});
