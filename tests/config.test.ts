import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { expectConfigError } from './support/config.js';

describe('configuration', () => {
  it('starts with nothing set', () => {
    const c = loadConfig({});
    expect(c.DATA_DIR).toBe('./data');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.TERMINAL).toBe('auto');
  });

  it('names the variable that is wrong', () => {
    const bad = expectConfigError;
    bad({ DATABASE_URL: 'not a url' }, 'DATABASE_URL');
    bad({ DEFAULT_TIMEZONE: 'Mars/Olympus' }, 'DEFAULT_TIMEZONE');
    bad({ REPORT_DUE_DAY: '31' }, 'REPORT_DUE_DAY');
    bad({ TERMINAL: 'maybe' }, 'TERMINAL');
  });
});

describe('.env.example', () => {
  it('documents every setting config.ts reads', async () => {
    const { readFileSync } = await import('node:fs');
    const example = readFileSync('.env.example', 'utf8');
    const source = readFileSync('src/config.ts', 'utf8');
    const keys = [...source.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((k) => !new RegExp(`^#? ?${k}=`, 'm').test(example))).toEqual([]);
  });
});
