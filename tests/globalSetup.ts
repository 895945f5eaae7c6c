import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { makeDatabaseTemplate, type DatabaseTemplate } from './support/dbTemplate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    logDir: string;
    databaseTemplate: DatabaseTemplate;
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
];
/**
 * Coordinates count only as numbers of their own, neither inside a longer number (a Slack message id such as
 * "1764470423.021900") nor as the seconds of a time: every log line's ISO time ("04:33:23.020Z") holds "23.02"
 * for ten milliseconds a minute, and CI failed on one. `"lat":23.02` still counts.
 */
const COORDINATES = [/(?<![\d.])(?<!\d:)23\.02/, /(?<![\d.])(?<!\d:)113\.75/];

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'bot-test-logs-'));
  project.provide('logDir', dir);
  const made = await makeDatabaseTemplate(process.env.TEST_DATABASE_URL);
  project.provide('databaseTemplate', made.template);
  return async () => {
    try {
      scanLogs(dir);
    } finally {
      await made.drop();
    }
  };
}

/** Fails the run when a test's log holds any of the fixtures above. */
function scanLogs(dir: string): void {
  const files = readdirSync(dir);
  const hits: string[] = [];
  let bytes = 0;
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    bytes += text.length;
    for (const word of FORBIDDEN) {
      const at = text.indexOf(word);
      // The surrounding text names the log line, so a failure in CI can be traced without a rerun.
      if (at >= 0) hits.push(`${f}: ${word} in …${text.slice(Math.max(0, at - 160), at + 80)}…`);
    }
    for (const pattern of COORDINATES) {
      const found = pattern.exec(text);
      if (found) hits.push(`${f}: ${found[0]} in …${text.slice(Math.max(0, found.index - 160), found.index + 80)}…`);
    }
  }
  if (process.env.KEEP_TEST_LOGS) console.log(`test logs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  const problem =
    hits.length > 0 ? `personal data in test logs:\n${hits.join('\n')}`
    : files.length > 0 && bytes === 0 ? 'test loggers wrote nothing: the log scan would prove nothing'
    : undefined;
  if (problem) {
    // vitest reports a teardown error but still exits 0: make the run fail.
    process.exitCode = 1;
    throw new Error(problem);
  }
}
