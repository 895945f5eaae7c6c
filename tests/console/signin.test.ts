import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../src/db/schema/index.js';
import { createSignInLink } from '../../src/features/console/auth.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.close());

describe('signing in to the console', () => {
  it('sends a staff person a one-time link in chat; opening it only shows a button, pressing it signs in once', async () => {
    const text = (await h.chat('王书记', '/console')).join('\n');
    const url = /http:\/\/127\.0\.0\.1:\d+(\/console\/signin\/[\w-]+)/.exec(text);
    expect(url, text).not.toBeNull();
    const browser = h.anonymous();
    const shown = await browser.get(url![1]!);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('登录');
    const again = await browser.get(url![1]!);
    expect(again.statusCode).toBe(200);
    const signed = await browser.submit(url![1]!, {});
    expect(signed.statusCode).toBe(303);
    const session = signed.cookies.find((c) => c.name === 'ld_session') as { httpOnly?: boolean; sameSite?: string; path?: string } | undefined;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console' });
    const home = await browser.get('/console/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('王书记');
    expect(home.headers['content-security-policy']).toContain("default-src 'self'");
    // The same link a second time: refused.
    const second = h.anonymous();
    const reused = await second.submit(url![1]!, {});
    expect(reused.statusCode).toBe(403);
    expect(reused.body).toContain('已经用过或已过期');
  });

  it('refuses an expired link, and gives members no link at all', async () => {
    const token = await createSignInLink(h.tb.database.db, h.tb.person('李联络员').personId, h.tb.clock.now(), 10);
    h.tb.clock.advance(11 * 60_000);
    const res = await h.anonymous().submit(`/console/signin/${token}`, {});
    expect(res.statusCode).toBe(403);
    const member = h.tb.person('张建国');
    expect((await h.chat('张建国', '/console')).join('\n')).not.toContain('/console/signin/');
    expect(await createSignInLink(h.tb.database.db, member.personId, h.tb.clock.now(), 10)).toBeUndefined();
  });

  it('a form without its CSRF token is refused and changes nothing', async () => {
    const token = await createSignInLink(h.tb.database.db, h.tb.person('王书记').personId, h.tb.clock.now(), 10);
    const browser = h.anonymous();
    await browser.get(`/console/signin/${token}`);
    const res = await browser.post(`/console/signin/${token}`, {});
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('页面已过期');
    // The link was not spent by the refused post.
    expect((await browser.submit(`/console/signin/${token}`, {})).statusCode).toBe(303);
  });

  it('ends an idle session after 30 minutes, and signing out ends it at once', async () => {
    const browser = await h.signIn('王书记');
    expect((await browser.get('/console/')).statusCode).toBe(200);
    h.tb.clock.advance(29 * 60_000);
    expect((await browser.get('/console/')).statusCode).toBe(200);
    h.tb.clock.advance(31 * 60_000);
    const idle = await browser.get('/console/');
    expect(idle.statusCode).toBe(401);
    expect(idle.body).toContain('/console');

    const other = await h.signIn('王书记');
    const out = await other.submit('/console/signout', {}, '/console/');
    expect(out.statusCode).toBe(303);
    expect((await other.get('/console/')).statusCode).toBe(401);
    const audited = await h.tb.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, h.tb.person('王书记').personId));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['console.link', 'console.signin', 'console.signout']));
  });

  it('serves its own assets, and never a page to someone not signed in', async () => {
    const browser = h.anonymous();
    const css = await browser.get('/console/assets/console.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect((await browser.get('/console/')).statusCode).toBe(401);
    expect((await browser.post('/console/signout', {})).statusCode).toBe(401);
  });
});
