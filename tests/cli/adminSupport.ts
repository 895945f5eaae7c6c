import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/client.js';
import { runAdmin } from '../../src/cli/adminCommands.js';
import { seedDemo } from '../../src/demo/index.js';
import { TestClock } from '../support/bot.js';

/** `npm run admin -- …` run in the test's process, its output kept. */
class Text extends Writable {
  text = '';
  override _write(chunk: Buffer, _e: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

export const clock = new TestClock(new Date('2026-11-30T19:00:00Z'));

export async function admin(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new Text();
  const err = new Text();
  const code = await runAdmin(argv, { config: loadConfig({ LOG_LEVEL: 'warn', ...env }), clock, out, err });
  return { code, out: out.text, err: err.text };
}

/** Opens the data folder between commands (PGlite: one handle at a time on a folder). */
export async function withData<T>(dataDir: string, work: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir });
  try {
    await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

export const seeded = (dataDir: string) => withData(dataDir, (d) => d.db.transaction((tx) => seedDemo(tx, clock.now(), { inviteTtlDays: 14, timezone: 'Asia/Shanghai' })));
