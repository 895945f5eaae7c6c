import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of DESIGN.md, checked over the real import graph of src/: arrows point down
 * (adapters, schedules, features → core → outbox → db), never up. A new import that breaks a rule fails here.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

interface Edge { from: string; to: string; typeOnly: boolean }

function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const from = relative(SRC, file);
  const edges: Edge[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
    const spec = m[3]!;
    const to = spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts') : `npm:${spec}`;
    edges.push({ from, to, typeOnly: Boolean(m[2]) });
  }
  return edges;
}

const edges = sourceFiles(SRC).flatMap(importsOf);
const under = (folder: string) => (path: string) => path.startsWith(`${folder}/`);

/** The port's vocabulary (message shapes, the clock): leaf modules every layer may name. */
const PORT = new Set(['bot/types.ts', 'bot/clock.ts']);

const RULES: { name: string; from: (p: string) => boolean; forbidden: (e: Edge) => boolean }[] = [
  {
    name: 'the core imports no feature, adapter, schedule, console, command line, main or platform library',
    from: under('bot'),
    forbidden: (e) => /^(features|adapters|schedules|console|cli|roster)\//.test(e.to) || ['main.ts', 'app.ts'].includes(e.to) || /^npm:(grammy|@grammyjs|@slack)/.test(e.to),
  },
  {
    name: 'db/ imports nothing above it',
    from: under('db'),
    forbidden: (e) => !e.to.startsWith('npm:') && !e.to.startsWith('db/'),
  },
  {
    name: 'the outbox depends on nothing above it but the port vocabulary',
    from: under('outbox'),
    forbidden: (e) => !e.to.startsWith('npm:') && !/^(outbox|db)\//.test(e.to) && !PORT.has(e.to) && e.to !== 'logger.ts',
  },
  {
    name: 'adapters import no schedules, features or tables',
    from: under('adapters'),
    forbidden: (e) => /^(schedules|features|roster)\//.test(e.to) || e.to.startsWith('db/schema'),
  },
  {
    name: 'features import no adapters, schedules or main',
    from: under('features'),
    forbidden: (e) => /^(adapters|schedules|console|cli)\//.test(e.to) || ['main.ts', 'app.ts'].includes(e.to),
  },
];

describe('import rules', () => {
  for (const rule of RULES) {
    it(rule.name, () => {
      const broken = edges.filter((e) => rule.from(e.from) && rule.forbidden(e)).map((e) => `${e.from} → ${e.to}`);
      expect(broken).toEqual([]);
    });
  }


  it('reads process.env only in config.ts', () => {
    const readers = sourceFiles(SRC).filter((f) => relative(SRC, f) !== 'config.ts' && /process\.env/.test(readFileSync(f, 'utf8')));
    expect(readers.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('sees the imports it checks (a rule over no edges would prove nothing)', () => {
    expect(edges.filter((e) => e.from === 'bot/engine.ts').map((e) => e.to)).toContain('bot/turn/route.ts');
  });
});
