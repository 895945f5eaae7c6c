import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createBot } from '../src/app.js';
import { systemClock } from '../src/bot/clock.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { seedDemo } from '../src/demo/index.js';
import { rosterImports } from '../src/db/schema/index.js';
import { createLogger } from '../src/logger.js';
import { readRoster } from '../src/roster/importer.js';
import type { Incoming } from '../src/bot/types.js';
import { idNumber } from '../tests/fixtures/rosterBytes.js';
import { withScratchPostgres } from './scratchDatabase.js';
import { printTable } from './table.js';

const ROWS = Number(process.env.BENCH_ROSTER_ROWS ?? 10_000);
/** How often a member taps during their check-in while the import runs (three members take turns). */
const MEMBER_EVERY_MS = 500;
const CHECK_IN: Incoming['body'][] = [
  { kind: 'text', text: '/report' }, { kind: 'button', payload: 'ci:update' }, { kind: 'button', payload: 'ci:same' },
  { kind: 'button', payload: 'ci:work:working' }, { kind: 'button', payload: 'ci:diff:no' }, { kind: 'button', payload: 'ci:study:yes' },
];
const MEMBERS = ['陈志强', '刘秀英', '张建国'];
const PLACES = ['广东省 东莞市', '广东深圳宝安区', '浙江杭州', '江苏省苏州市', '上海市 浦东新区', '新加坡'];

/** A branch secretary's roster as they keep it: a title, the header, the members (1% with a bad phone), a footer. */
async function rosterFile(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['幸福村党支部党员花名册']);
  ws.addRow(['序号', '姓名', '性别', '民族', '身份证号', '出生日期', '手机号码', '人员类别', '党员状态', '入党时间', '学历', '工作单位', '职业', '外出时间', '外出地点', '联系人', '联系人电话']);
  for (let i = 0; i < rows; i++) {
    const birth = `19${50 + (i % 50)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    ws.addRow([
      i + 1, `党员${i}`, i % 2 ? '男' : '女', '汉族', idNumber('330102', birth, (i % 997) + (i % 2 ? 1 : 0) * 0), `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
      i % 100 === 99 ? '12345' : `139${String(i).padStart(8, '0')}`, i % 3 ? '流动党员' : '在家党员', i % 10 ? '正式党员' : '预备党员', `${1980 + (i % 40)}.07`,
      '高中', `某某公司${i % 50}`, '工人', i % 3 ? '2024.03' : '', i % 3 ? PLACES[i % PLACES.length] : '', `家属${i}`, `138${String(i).padStart(8, '0')}`,
    ]);
  }
  ws.addRow(['制表人：王书记']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Peak memory while importing: the whole process (RSS, PGlite's WebAssembly heap included) and the JS heap. */
class Peak {
  rss = 0;
  heap = 0;
  readonly baseline: NodeJS.MemoryUsage;
  private timer = setInterval(() => this.sample(), 25);
  constructor() {
    gc();
    this.baseline = process.memoryUsage();
    this.sample();
  }
  sample() {
    const m = process.memoryUsage();
    this.rss = Math.max(this.rss, m.rss);
    this.heap = Math.max(this.heap, m.heapUsed);
  }
  stop() { clearInterval(this.timer); this.sample(); }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

async function until(database: Database, id: number, states: string[]): Promise<void> {
  for (;;) {
    const [job] = await database.db.select({ state: rosterImports.state }).from(rosterImports).where(eq(rosterImports.id, id));
    if (job && states.includes(job.state)) return;
    if (job && ['refused', 'failed'].includes(job.state)) throw new Error(`import ${job.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One chat import as a secretary does it, with a member writing to the bot every 200 ms all the while. */
async function importThroughChat(database: Database, file: Buffer) {
  await migrateDatabase(database);
  const demo = await database.db.transaction((tx) => seedDemo(tx, new Date(), { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
  const chat = (name: string) => demo.people.find((p) => p.name === name)!.terminalUserId!;
  const bot = createBot({ database, clock: systemClock, logger: createLogger('silent'), config: loadConfig({ LOG_LEVEL: 'silent' }), files: { fetch: async () => ({ data: file, name: '花名册.xlsx' }) } });
  bot.rosterImports.start();
  let n = 0;
  const send = (who: string, body: Incoming['body']) => bot.core.handle({ platform: 'terminal', updateId: `bench-${++n}`, chatId: chat(who), userId: chat(who), chatKind: 'private', body });
  const latencies: number[] = [];
  let tap = 0;
  // Each member goes through the check-in (a 'ci:update' when they already reported this month is answered too).
  const member = setInterval(() => {
    const who = MEMBERS[Math.floor(tap / CHECK_IN.length) % MEMBERS.length]!;
    const body = CHECK_IN[tap++ % CHECK_IN.length]!;
    const t0 = performance.now();
    void send(who, body).then(() => latencies.push(performance.now() - t0));
  }, MEMBER_EVERY_MS);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const peak = new Peak();
  const t0 = performance.now();
  await send('王书记', { kind: 'file', fileRef: 'bench' });
  const [job] = await database.db.select().from(rosterImports).orderBy(sql`id desc`).limit(1);
  await until(database, job!.id, ['previewed']);
  const preview = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await send('王书记', { kind: 'button', payload: `roster:apply:${job!.id}` });
  await until(database, job!.id, ['done']);
  const apply = (performance.now() - t1) / 1000;
  const memberDuring = [...latencies];
  const t2 = performance.now();
  await send('王书记', { kind: 'file', fileRef: 'again' });
  const [again] = await database.db.select().from(rosterImports).orderBy(sql`id desc`).limit(1);
  await until(database, again!.id, ['done']);
  const reimport = (performance.now() - t2) / 1000;
  peak.stop();
  loop.disable();
  clearInterval(member);
  await bot.rosterImports.stop();
  const [counts] = (await database.db.execute(sql`select count(*)::int as n from members`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows))) as { n: number }[];
  return { preview, apply, reimport, peak, memberDuring, loopMax: loop.max / 1e6, members: counts!.n };
}

export async function rosterBench(): Promise<void> {
  const file = await rosterFile(ROWS);
  const rows: (string | number)[][] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-roster-'));
  for (const [label, open] of [
    ['PGlite (data folder)', async <T>(use: (d: Database) => Promise<T>) => {
      const d = await openDatabase({ dataDir: dir });
      try { return await use(d); } finally { await d.close(); }
    }],
    ['PostgreSQL', <T>(use: (d: Database) => Promise<T>) => withScratchPostgres('bench_roster', use)],
  ] as const) {
    const r = await open((d) => importThroughChat(d, file));
    rows.push([
      label, r.preview.toFixed(1), r.apply.toFixed(1), (r.preview + r.apply).toFixed(1), r.reimport.toFixed(1),
      mb(r.peak.baseline.rss), mb(r.peak.rss), mb(r.peak.baseline.heapUsed), mb(r.peak.heap), r.memberDuring.length,
      pct(r.memberDuring, 0.95).toFixed(0), Math.max(...r.memberDuring).toFixed(0), r.loopMax.toFixed(0),
    ]);
  }
  rmSync(dir, { recursive: true, force: true });
  const bomb = readFileSync(new URL('../tests/fixtures/rosters/14-unpacks-huge.xlsx', import.meta.url));
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const refused = await readRoster(bomb, 'x.xlsx').then(() => 'read', (e: Error) => e.message);
  printTable(`Roster import: ${ROWS} rows (.xlsx, ${(file.length / 1024).toFixed(0)} KB, 1% bad phones) sent in chat; members check in throughout (a tap every ${MEMBER_EVERY_MS} ms)`,
    ['database', 'preview s', 'apply s', 'total s', 're-import s', 'RSS before MB', 'RSS peak MB', 'JS heap before MB', 'JS heap peak MB', 'member taps', 'tap p95 ms', 'tap max ms', 'loop lag max ms'], rows);
  process.stdout.write(`\n${bomb.length} bytes unpacking to 120 MB: ${refused} in ${(performance.now() - t0).toFixed(0)} ms, RSS +${mb(process.memoryUsage().rss - before)} MB\n`);
}
