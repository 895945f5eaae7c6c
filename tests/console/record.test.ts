import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, gt } from 'drizzle-orm';
import { auditLog, reportAttachments, reports, trackingEntries } from '../../src/db/schema/index.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { resetZhang, signInAs, startRecordConsole, type Scopes } from './recordFixture.js';

let h: ConsoleHarness;
let f: Scopes;
beforeAll(async () => {
  ({ h, f } = await startRecordConsole());
  const [thought] = await h.tb.database.db.select({ id: reports.id }).from(reports).where(and(eq(reports.memberId, f.members.zhang), eq(reports.kind, 'thought')));
  await h.tb.database.db.insert(reportAttachments).values({ reportId: thought!.id, platform: 'telegram', fileRef: 'AgAD-page-1', mime: 'image/jpeg', addedAt: h.tb.clock.now() });
});
afterAll(async () => h?.close());

type Kind = 'view' | 'log' | 'manage';

/** What each role may do to 张建国, as the chat's matrix has it (tests/staff/permissions.test.ts). */
const roles = () => [
  { role: 'secretary', id: f.staff.secretary, may: ['view', 'log', 'manage'] as Kind[] },
  { role: 'org_admin', id: f.staff.admin, may: ['view', 'log', 'manage'] as Kind[] },
  { role: 'liaison of the member', id: f.staff.liaison, may: ['view', 'log'] as Kind[] },
  { role: 'helper of the member', id: f.staff.helper, may: ['view', 'log'] as Kind[] },
  { role: 'inflow organisation liaison', id: f.staff.inflowLiaison, may: ['view', 'log'] as Kind[] },
  { role: 'liaison of another member', id: f.otherLiaison, may: [] as Kind[] },
  { role: 'out-of-county secretary', id: f.staff.otherSecretary, may: [] as Kind[] },
];

const post = (b: Browser, m: number, path: string, fields: Record<string, string>) => b.submit(`/console/members/${m}/${path}`, fields, '/console/');

/** Every page and action of the record; `ok` is what a person allowed to do it gets. */
const actions = (): { name: string; kind: Kind; ok: number; run: (b: Browser, m: number, n: number) => ReturnType<Browser['get']> }[] => [
  { name: 'view the record', kind: 'view', ok: 200, run: (b, m) => b.get(`/console/members/${m}`) },
  { name: 'open a handwritten page', kind: 'view', ok: 200, run: async (b, m) => {
    const [photo] = await h.tb.database.db.select({ id: reportAttachments.id }).from(reportAttachments);
    return b.get(`/console/members/${m}/photos/${photo!.id}`);
  } },
  { name: 'log a contact', kind: 'log', ok: 303, run: (b, m) => post(b, m, 'contact', { kind: 'call', note: '通了电话' }) },
  { name: 'certificate handed over', kind: 'log', ok: 303, run: (b, m) => post(b, m, 'handover', { on: '2026-11-05' }) },
  { name: 'edit the card', kind: 'manage', ok: 303, run: (b, m, n) => post(b, m, 'card', { occupation: `快递员${n}` }) },
  { name: 'assign a liaison', kind: 'manage', ok: 303, run: (b, m) => post(b, m, 'assign', { role: 'liaison', personId: String(f.staff.liaison) }) },
  { name: 'assign a helper', kind: 'manage', ok: 303, run: (b, m) => post(b, m, 'assign', { role: 'helper', personId: String(f.staff.helper) }) },
  { name: 'register a departure', kind: 'manage', ok: 303, run: (b, m) => post(b, m, 'departure', { departedOn: '2026-11-05', destination: '深圳', employer: '某厂' }) },
  { name: 'register a return', kind: 'manage', ok: 303, run: (b, m) => post(b, m, 'return', { returnedOn: '2026-11-09' }) },
  { name: 'issue a certificate', kind: 'manage', ok: 303, run: (b, m, n) => post(b, m, 'certificate', { number: `LD-${n}`, issuedOn: '2026-11-01', validUntil: '2027-04-30', inflowOrgId: String(f.inflow) }) },
  { name: 'attach to the inflow organisation', kind: 'manage', ok: 303, run: (b, m) => post(b, m, 'attach', { inflowOrgId: String(f.inflow) }) },
  { name: 'transfer: ask', kind: 'manage', ok: 200, run: (b, m) => post(b, m, 'transfer', { org: '城关镇党委' }) },
  { name: 'transfer: confirm', kind: 'manage', ok: 303, run: (b, m) => post(b, m, 'transfer', { orgId: String(f.branch), confirm: 'yes' }) },
];

const auditCount = async (actor: number) =>
  (await h.tb.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.actorId, actor)))[0]!.n;

describe('a member’s record: role × page and action', () => {
  it('allows exactly what the chat allows, 403 for what a person who sees the member may not do, 404 for a member out of scope; every attempt audited', async () => {
    const table: string[] = [];
    let n = 0;
    for (const r of roles()) {
      const browser = await signInAs(h, r.id);
      for (const a of actions()) {
        await resetZhang(h, f, ++n);
        const before = await auditCount(r.id);
        const res = await a.run(browser, f.members.zhang, n);
        const expected = r.may.includes(a.kind) ? a.ok : r.may.includes('view') ? 403 : 404;
        table.push(`${r.role} · ${a.name}: ${res.statusCode === expected ? 'ok' : `WRONG ${res.statusCode}, expected ${expected}`}`);
        expect(await auditCount(r.id), `${r.role} · ${a.name} audited`).toBeGreaterThan(before);
        if (expected === 404) expect(res.body).toContain('找不到这个页面');
        if (expected === 403) expect(res.body).toContain('您没有做这件事的权限');
      }
    }
    expect(table.filter((l) => l.includes('WRONG'))).toEqual([]);
    expect(table).toHaveLength(roles().length * actions().length);
  });

  it('answers a member who does not exist exactly like one out of scope', async () => {
    const browser = await signInAs(h, f.staff.secretary);
    const outside = await browser.get(`/console/members/${f.members.outsider}`);
    const missing = await browser.get('/console/members/999999');
    const junk = await browser.get('/console/members/abc');
    for (const res of [outside, missing, junk]) expect(res.statusCode).toBe(404);
    const strip = (body: string) => body.replace(/value="[^"]+"/g, '');
    expect(strip(outside.body)).toBe(strip(missing.body));
    const logged = await post(browser, f.members.outsider, 'contact', { kind: 'call' });
    expect(logged.statusCode).toBe(404);
  });

  it('shows each person only the forms they may use', async () => {
    const liaison = await (await signInAs(h, f.staff.liaison)).get(`/console/members/${f.members.zhang}`);
    expect(liaison.body).toContain(`action="/console/members/${f.members.zhang}/contact"`);
    for (const manage of ['card', 'assign', 'departure', 'certificate', 'attach', 'transfer']) expect(liaison.body).not.toContain(`/${manage}"`);
    const secretary = await (await signInAs(h, f.staff.secretary)).get(`/console/members/${f.members.zhang}`);
    for (const any of ['contact', 'card', 'assign', 'certificate', 'attach', 'transfer']) expect(secretary.body).toContain(`/console/members/${f.members.zhang}/${any}"`);
  });

  it('refuses someone not signed in, and a form without its CSRF token, changing nothing', async () => {
    const anonymous = h.anonymous();
    expect((await anonymous.get(`/console/members/${f.members.zhang}`)).statusCode).toBe(401);
    expect((await anonymous.post(`/console/members/${f.members.zhang}/contact`, { kind: 'call' })).statusCode).toBe(401);
    const browser = await signInAs(h, f.staff.secretary);
    const entries = async () => (await h.tb.database.db.select({ n: count() }).from(trackingEntries)
      .where(and(eq(trackingEntries.memberId, f.members.zhang), gt(trackingEntries.at, new Date(0)))))[0]!.n;
    const before = await entries();
    await browser.get('/console/');
    for (const path of ['contact', 'card', 'assign', 'departure', 'return', 'certificate', 'handover', 'attach', 'transfer']) {
      const res = await browser.post(`/console/members/${f.members.zhang}/${path}`, { kind: 'call', occupation: '无令牌', confirm: 'yes', orgId: String(f.otherBranch) });
      expect(res.statusCode, path).toBe(403);
      expect(res.body).toContain('页面已过期');
    }
    expect(await entries()).toBe(before);
  });
});
