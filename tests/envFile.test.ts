import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, environment, loadConfig } from '../src/config.js';

/** Where settings come from: the environment, then the .env file (ENV_FILE), then the defaults. */
const dir = mkdtempSync(join(tmpdir(), 'bot-envfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function envFile(text: string): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.env`);
  writeFileSync(path, text);
  return path;
}

describe('.env file', () => {
  it('fills what the environment leaves unset; the environment wins, even with an empty value', () => {
    const file = envFile('# a comment\nLOG_LEVEL=debug\nREPORT_DUE_DAY=15\nDATA_DIR="/srv/from file"\nDATABASE_URL=postgres://bot@db:5432/bot\n');
    const config = loadConfig(environment({ ENV_FILE: file, REPORT_DUE_DAY: '18', DATABASE_URL: '' }));
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.DATA_DIR).toBe('/srv/from file');
    expect(config.REPORT_DUE_DAY).toBe(18);
    // Set to empty in the environment: unset, and the file does not bring it back.
    expect(config.DATABASE_URL).toBeUndefined();
    // Neither says: the default.
    expect(config.CONSOLE_PORT).toBe(8080);
  });

  it('a missing ENV_FILE stops start-up naming it; a bad value from the file is named like any other', () => {
    expect(() => environment({ ENV_FILE: join(dir, 'nope.env') })).toThrow(ConfigError);
    expect(() => environment({ ENV_FILE: join(dir, 'nope.env') })).toThrow(/ENV_FILE/);
    expect(() => loadConfig(environment({ ENV_FILE: envFile('CONSOLE_PORT=eighty\n') }))).toThrow(/CONSOLE_PORT/);
  });

  it('reads .env in the working directory when ENV_FILE is unset, and nothing when there is none', () => {
    const cwd = process.cwd();
    const here = mkdtempSync(join(dir, 'cwd-'));
    try {
      process.chdir(here);
      expect(loadConfig(environment({})).LOG_LEVEL).toBe('info');
      writeFileSync(join(here, '.env'), 'LOG_LEVEL=warn\n');
      expect(loadConfig(environment({})).LOG_LEVEL).toBe('warn');
      expect(loadConfig(environment({ LOG_LEVEL: 'error' })).LOG_LEVEL).toBe('error');
    } finally {
      process.chdir(cwd);
    }
  });
});
