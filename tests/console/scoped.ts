import type { LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { and, desc, eq, gt, like } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
import type { ConsoleSection } from '../../src/console/context.js';
import { createSignInLink } from '../../src/features/console/auth.js';
import { Browser, startConsole, type ConsoleHarness } from '../support/console.js';
import { startTestBot } from '../support/bot.js';
import { seedScopes } from '../staff/fixture.js';

export type Scopes = Awaited<ReturnType<typeof seedScopes>>;

/**
 * The console over seedScopes: the demo branch with its secretary, liaison and a helper, a county admin above,
 * and another county's branch and secretary outside everyone's scope. Browsers sign in by person id.
 */
export async function startScopedConsole(sections?: ConsoleSection[]): Promise<{ h: ConsoleHarness; s: Scopes; as: (personId: number) => Promise<Browser> }> {
  const tb = await startTestBot({ seed: false });
  const s = await tb.database.db.transaction((tx) => seedScopes(tx, tb.clock.now()));
  const h = await startConsole({ tb, ...(sections ? { sections } : {}) });
  // Sign-in is rate limited (10 a minute): one browser per person for the whole file.
  const browsers = new Map<number, Browser>();
  const as = async (personId: number) => {
    const known = browsers.get(personId);
    if (known) return known;
    const token = await createSignInLink(tb.database.db, personId, tb.clock.now(), tb.config.CONSOLE_LINK_MINUTES);
    if (!token) throw new Error(`person ${personId} is not staff`);
    const browser = new Browser(h.server);
    const res = await browser.submit(`/console/signin/${token}`, {});
    expect(res.statusCode).toBe(303);
    browsers.set(personId, browser);
    return browser;
  };
  return { h, s, as };
}

/** A multipart post with no CSRF token at all, as a forged form would send it. */
export async function uploadWithoutToken(h: ConsoleHarness, browser: Browser, url: string, fields: Record<string, string>, file: Buffer): Promise<LightMyRequestResponse> {
  const boundary = '----forged';
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return h.server.app.inject({
    method: 'POST', url, payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, cookies: Object.fromEntries(browser.cookies),
  });
}

/** The workbook a download carried, its sheets as rows of cell texts. */
export async function sheetsOf(res: LightMyRequestResponse): Promise<Map<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const out = new Map<string, string[][]>();
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in (v as object) ? (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('') : String(v)))));
    out.set(ws.name, rows);
  }
  return out;
}

/** Audit entries of an actor written after `afterId`, whose action starts with `prefix`. */
export async function auditsSince(h: ConsoleHarness, actorId: number, afterId: number, prefix: string) {
  return h.tb.database.db.select().from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), gt(auditLog.id, afterId), like(auditLog.action, `${prefix}%`))).orderBy(auditLog.id);
}

export async function lastAuditId(h: ConsoleHarness): Promise<number> {
  const [row] = await h.tb.database.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row?.id ?? 0;
}

/** The download's UTF-8 file name from its Content-Disposition (filename*=UTF-8''…). */
export function downloadName(res: LightMyRequestResponse): string {
  const header = String(res.headers['content-disposition'] ?? '');
  const m = /filename\*=UTF-8''([^;]+)/.exec(header);
  return m ? decodeURIComponent(m[1]!) : '';
}
