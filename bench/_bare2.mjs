import { PGlite } from '@electric-sql/pglite';
const sb = process.argv[3];
const opts = sb ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sb}`, ...(process.argv[4] ? ['-c', `wal_buffers=${process.argv[4]}`] : [])] } : {};
const db = new PGlite(process.argv[2], opts);
await db.waitReady;
const r = await db.query("select current_setting('shared_buffers') sb, current_setting('wal_buffers') wb, current_setting('work_mem') wm, (select count(*) from persons) n");
setTimeout(() => {
  const m = process.memoryUsage();
  console.log(JSON.stringify(r.rows[0]), 'rss', (m.rss / 1048576).toFixed(0), 'ext', (m.external / 1048576).toFixed(0));
  process.exit(0);
}, 2000);
