import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    logDir: string;
  }
}

/**
 * Fixtures that must never reach a log: the demo people's names and phone numbers, things members say in
 * the tests, places and coordinates. Every test logger writes into one folder; after the whole suite the
 * folder is read, and a hit fails the run.
 */
const FORBIDDEN = [
  '王书记', '李联络员', '张建国', '刘秀英', '陈志强', '赵小红',
  '13800138001', '13800138002', '13800138003', '13800138004', '13800138005', '13800138006',
  '老板拖欠', '厂子关门', '再就业培训', '学习了党章', '还在原地', '东莞', '深圳', '长安镇',
  '23.02', '113.75', '23.0207', '113.7518',
];

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'bot-test-logs-'));
  project.provide('logDir', dir);
  return () => {
    const files = readdirSync(dir);
    const hits: string[] = [];
    let bytes = 0;
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      bytes += text.length;
      for (const word of FORBIDDEN) if (text.includes(word)) hits.push(`${f}: ${word}`);
    }
    rmSync(dir, { recursive: true, force: true });
    const problem =
      hits.length > 0 ? `personal data in test logs:\n${hits.join('\n')}`
      : files.length > 0 && bytes === 0 ? 'test loggers wrote nothing: the log scan would prove nothing'
      : undefined;
    if (problem) {
      // vitest reports a teardown error but still exits 0: make the run fail.
      process.exitCode = 1;
      throw new Error(problem);
    }
  };
}
