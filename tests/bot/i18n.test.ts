import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueKeys, hasMessage, t } from '../../src/bot/i18n/index.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('message catalogues', () => {
  it('have the same keys in zh-CN and English', () => {
    const zh = catalogueKeys('zh-CN').sort();
    const en = catalogueKeys('en').sort();
    expect(en).toEqual(zh);
    expect(new Set(zh).size).toBe(zh.length);
  });

  it('have every literal key the code asks for', () => {
    const used = new Set<string>();
    for (const file of sourceFiles('src')) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/\b(?:reply|button|stayWith|say|t)\(\s*(?:lang,\s*|[a-zA-Z.]+,\s*)?'([a-z][a-z0-9]*(?:-[a-z0-9_]+)+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !hasMessage('zh-CN', k) || !hasMessage('en', k));
    expect(missing).toEqual([]);
  });

  it('renders selectors and arguments', () => {
    expect(t('zh-CN', 'help-submitted', { id: 42, who: 'liaison', name: '李联络员' })).toContain('42');
    expect(t('en', 'status-help-line', { id: 3, category: 'wages', status: 'resolved' })).toBe('Help request 3 (unpaid wages): solved, waiting for your word');
  });
});
