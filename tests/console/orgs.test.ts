import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { auditLog, members, organisations } from '../../src/db/schema/index.js';
import type { ConsoleHarness } from '../support/console.js';
import { lastAudit, orgNamed, startScopedConsole, type Scopes } from './scopedConsole.js';
import type { Browser } from '../support/console.js';

let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;
let admin: Browser, secretary: Browser, liaison: Browser, helper: Browser;
let township: number;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
  [admin, secretary, liaison, helper] = await Promise.all([as(s.staff.admin), as(s.staff.secretary), as(s.staff.liaison), as(s.staff.helper)]);
  township = (await orgNamed(h, '城关镇党委'))!.id;
});
afterAll(async () => h?.close());

const orgCount = async () => (await h.tb.database.db.select({ id: organisations.id }).from(organisations)).length;

describe('the organisation tree page', () => {
  it('shows an org admin their whole county with member counts, and nothing of another county or the inflow organisation', async () => {
    const page = await admin.get('/console/orgs');
    expect(page.statusCode).toBe(200);
    for (const name of ['示范县委组织部', '城关镇党委', '幸福村党支部']) expect(page.body).toContain(name);
    expect(page.body).not.toContain('别县委组织部');
    expect(page.body).not.toContain('别村党支部');
    expect(page.body).not.toContain('东莞市长安镇流动党员党支部');
    // 幸福村党支部 holds the four demo members; the county counts them below it.
    const branchRow = /<tr>\s*<td class="org-name depth-2">.*?幸福村党支部.*?<\/tr>/s.exec(page.body)![0];
    expect(branchRow).toMatch(/本级党员：<\/span>4/);
    const countyRow = /<tr>\s*<td class="org-name depth-0">.*?示范县委组织部.*?<\/tr>/s.exec(page.body)![0];
    expect(countyRow).toMatch(/本级党员：<\/span>0/);
    expect(countyRow).toMatch(/含下级党员：<\/span>4/);
    expect(page.body).toContain('href="/console/orgs"');
  });

  it('shows a branch secretary their branch only; the other county\'s secretary sees only theirs', async () => {
    const page = await secretary.get('/console/orgs');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('幸福村党支部');
    expect(page.body).not.toContain('城关镇党委');
    expect(page.body).not.toContain('别村党支部');
    const other = await (await as(s.staff.otherSecretary)).get('/console/orgs');
    expect(other.body).toContain('别村党支部');
    expect(other.body).not.toContain('幸福村党支部');
  });

  it('refuses liaisons and helpers every page and form, and has no navigation entry for them', async () => {
    for (const browser of [liaison, helper]) {
      const home = await browser.get('/console/');
      expect(home.body).not.toContain('href="/console/orgs"');
      for (const url of ['/console/orgs', `/console/orgs/${s.branch}`]) expect((await browser.get(url)).statusCode).toBe(403);
      for (const action of ['children', 'rename', 'move', 'archive']) {
        const res = await browser.submit(`/console/orgs/${s.branch}/${action}`, { name: 'x', kind: 'branch', parent: String(township) }, '/console/');
        expect(res.statusCode).toBe(403);
      }
    }
    expect((await orgNamed(h, 'x'))).toBeUndefined();
  });

  it('answers an organisation out of scope like one that does not exist, on every page and form, and changes nothing', async () => {
    const before = await orgCount();
    for (const [browser, target] of [[secretary, township], [secretary, s.otherBranch], [admin, s.otherBranch], [admin, s.inflow], [admin, 999999]] as const) {
      expect((await browser.get(`/console/orgs/${target}`)).statusCode).toBe(404);
      for (const action of ['children', 'rename', 'move', 'archive']) {
        const res = await browser.submit(`/console/orgs/${target}/${action}`, { name: '越权', kind: 'branch', parent: String(s.branch) }, '/console/orgs');
        expect(res.statusCode, `${action} ${target}`).toBe(404);
        expect(res.body).toContain('找不到这个页面');
      }
    }
    expect(await orgCount()).toBe(before);
    expect((await orgNamed(h, '别村党支部'))!.archivedAt).toBeNull();
    const refused = await lastAudit(h, s.staff.secretary, 'org.manage');
    expect(refused!.details).toMatchObject({ allowed: false });
    expect((await admin.get('/console/orgs/abc')).statusCode).toBe(404);
    expect((await admin.submit('/console/orgs/1/delete', {}, '/console/orgs')).statusCode).toBe(404);
  });

  it('refuses a form without its CSRF token', async () => {
    const res = await admin.post(`/console/orgs/${s.branch}/children`, { name: '无令牌支部', kind: 'branch' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('页面已过期');
    expect(await orgNamed(h, '无令牌支部')).toBeUndefined();
  });
});

describe('creating and renaming', () => {
  it('lets a secretary add an organisation under their branch; its path continues the branch\'s, and it is audited', async () => {
    const page = await secretary.get(`/console/orgs/${s.branch}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('新建下级组织');
    const res = await secretary.submit(`/console/orgs/${s.branch}/children`, { name: ' 幸福村 快递 临时党支部 ', kind: 'temporary_branch' });
    expect(res.statusCode).toBe(303);
    const made = (await orgNamed(h, '幸福村 快递 临时党支部'))!;
    expect(res.headers.location).toMatch(new RegExp(`^/console/orgs/${made.id}\\?notice=`));
    const branch = (await orgNamed(h, '幸福村党支部'))!;
    expect(made).toMatchObject({ parentId: branch.id, kind: 'temporary_branch', path: `${branch.path}${made.id}/` });
    expect((await secretary.get(res.headers.location as string)).body).toContain('已新建组织');
    const audit = await lastAudit(h, s.staff.secretary, 'org.create');
    expect(audit).toMatchObject({ targetKind: 'org', targetId: String(made.id), details: { parentId: branch.id, kind: 'temporary_branch' } });
  });

  it('refuses an empty or too long name and an unknown kind, saying why', async () => {
    const empty = await admin.submit(`/console/orgs/${township}/children`, { name: '  ', kind: 'branch' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请填写组织名称');
    expect((await admin.submit(`/console/orgs/${township}/children`, { name: '长'.repeat(61), kind: 'branch' })).statusCode).toBe(400);
    expect((await admin.submit(`/console/orgs/${township}/children`, { name: '怪类型', kind: 'province' })).statusCode).toBe(400);
    expect(await orgNamed(h, '怪类型')).toBeUndefined();
    expect((await lastAudit(h, s.staff.admin, 'org.create'))!.details).toMatchObject({ refused: 'kind' });
  });

  it('shows a name holding <script> as text, in the tree, on its page and in its forms', async () => {
    const res = await admin.submit(`/console/orgs/${township}/children`, { name: '<script>alert(1)</script>村', kind: 'branch' });
    expect(res.statusCode).toBe(303);
    const tree = await admin.get('/console/orgs');
    expect(tree.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;村');
    expect(tree.body).not.toContain('<script>alert(1)');
    const page = await admin.get(res.headers.location as string);
    expect(page.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;村"');
    expect(page.body).not.toContain('<script>alert(1)');
  });

  it('renames: an admin any organisation of the county, a secretary their own branch; audited with ids only', async () => {
    const byAdmin = await admin.submit(`/console/orgs/${township}/rename`, { name: '城关镇党委员会' });
    expect(byAdmin.statusCode).toBe(303);
    expect((await orgNamed(h, '城关镇党委员会'))!.id).toBe(township);
    expect(await lastAudit(h, s.staff.admin, 'org.rename')).toMatchObject({ targetId: String(township), details: { changed: true } });
    expect((await secretary.submit(`/console/orgs/${s.branch}/rename`, { name: '幸福村党支部' })).statusCode).toBe(303);
    expect(JSON.stringify((await lastAudit(h, s.staff.secretary, 'org.rename'))!.details)).not.toContain('幸福村');
    expect((await secretary.submit(`/console/orgs/${township}/rename`, { name: '篡改' })).statusCode).toBe(404);
    await admin.submit(`/console/orgs/${township}/rename`, { name: '城关镇党委' });
  });
});

describe('moving', () => {
  it('moves a branch with everything under it to another township of the county, rewriting every path', async () => {
    const second = await admin.submit(`/console/orgs/${s.county}/children`, { name: '南关镇党委', kind: 'township' });
    const southId = Number(/orgs\/(\d+)/.exec(second.headers.location as string)![1]);
    const page = await admin.get(`/console/orgs/${s.branch}`);
    expect(page.body).toContain(`<option value="${southId}">示范县委组织部 › 南关镇党委</option>`);
    // Not under itself or what is below it, and not where it already is.
    expect(page.body).not.toMatch(new RegExp(`<option value="${s.branch}">`));
    expect(page.body).not.toMatch(new RegExp(`<option value="${township}">`));
    const res = await admin.submit(`/console/orgs/${s.branch}/move`, { parent: String(southId) });
    expect(res.statusCode).toBe(303);
    const south = (await orgNamed(h, '南关镇党委'))!;
    const branch = (await orgNamed(h, '幸福村党支部'))!;
    expect(branch).toMatchObject({ parentId: south.id, path: `${south.path}${branch.id}/` });
    const below = await h.tb.database.db.select().from(organisations).where(eq(organisations.parentId, branch.id));
    expect(below.length).toBeGreaterThan(0);
    for (const o of below) expect(o.path).toBe(`${branch.path}${o.id}/`);
    expect(await lastAudit(h, s.staff.admin, 'org.move')).toMatchObject({ targetId: String(branch.id), details: { parentId: south.id, fromParentId: township } });
    // The secretary's scope moved with the branch: still their whole branch, members included.
    expect((await secretary.get(`/console/orgs/${s.branch}`)).statusCode).toBe(200);
    expect((await admin.submit(`/console/orgs/${s.branch}/move`, { parent: String(township) })).statusCode).toBe(303);
  });

  it('never moves an organisation under itself or below it, out of scope, or where it already is', async () => {
    const child = (await h.tb.database.db.select().from(organisations).where(eq(organisations.parentId, s.branch)))[0]!;
    const intoOwn = await admin.submit(`/console/orgs/${township}/move`, { parent: String(child.id) });
    expect(intoOwn.statusCode).toBe(409);
    expect(intoOwn.body).toContain('不能移到它自己或它的下级组织下面');
    expect((await admin.submit(`/console/orgs/${township}/move`, { parent: String(township) })).statusCode).toBe(409);
    expect(await lastAudit(h, s.staff.admin, 'org.move')).toMatchObject({ details: { refused: 'into its own subtree' } });
    const away = await admin.submit(`/console/orgs/${s.branch}/move`, { parent: String(s.otherCounty) });
    expect(away.statusCode).toBe(404);
    expect(away.body).toContain('不在您负责的范围内');
    expect((await admin.submit(`/console/orgs/${s.branch}/move`, { parent: String(township) })).statusCode).toBe(409);
    expect((await orgNamed(h, '幸福村党支部'))!.parentId).toBe(township);
  });

  it('lets a secretary move inside their branch but not move (or archive) the branch itself', async () => {
    const a = await secretary.submit(`/console/orgs/${s.branch}/children`, { name: '甲小组', kind: 'industry_group' });
    const b = await secretary.submit(`/console/orgs/${s.branch}/children`, { name: '乙小组', kind: 'industry_group' });
    const [aId, bId] = [a, b].map((r) => Number(/orgs\/(\d+)/.exec(r.headers.location as string)![1]));
    expect((await secretary.submit(`/console/orgs/${bId}/move`, { parent: String(aId) })).statusCode).toBe(303);
    expect((await orgNamed(h, '乙小组'))!.path).toBe(`${(await orgNamed(h, '甲小组'))!.path}${bId}/`);
    const page = await secretary.get(`/console/orgs/${s.branch}`);
    expect(page.body).toContain('这是您负责的最上级组织');
    expect(page.body).not.toContain(`/console/orgs/${s.branch}/move`);
    for (const action of ['move', 'archive']) {
      const res = await secretary.submit(`/console/orgs/${s.branch}/${action}`, { parent: String(aId) }, `/console/orgs/${s.branch}`);
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('这是您负责的最上级组织');
    }
    expect(await lastAudit(h, s.staff.secretary, 'org.archive')).toMatchObject({ details: { refused: 'top of scope' } });
  });
});

describe('archiving', () => {
  it('refuses an organisation that still has members or open organisations under it, saying how many', async () => {
    const branch = await admin.submit(`/console/orgs/${s.branch}/archive`, {});
    expect(branch.statusCode).toBe(409);
    expect(branch.body).toMatch(/仍有 \d+ 个未归档的下级组织、4 名党员/);
    const town = await admin.submit(`/console/orgs/${township}/archive`, {});
    expect(town.statusCode).toBe(409);
    expect(town.body).toContain('0 名党员');
    expect(await lastAudit(h, s.staff.admin, 'org.archive')).toMatchObject({ details: { refused: 'not empty', members: 0 } });
    expect((await orgNamed(h, '城关镇党委'))!.archivedAt).toBeNull();
  });

  it('archives an empty organisation, shows it apart with its date, and changes it no more', async () => {
    const made = await admin.submit(`/console/orgs/${township}/children`, { name: '已撤并村党支部', kind: 'branch' });
    const id = Number(/orgs\/(\d+)/.exec(made.headers.location as string)![1]);
    const res = await admin.submit(`/console/orgs/${id}/archive`, {});
    expect(res.statusCode).toBe(303);
    expect((await orgNamed(h, '已撤并村党支部'))!.archivedAt).toEqual(h.tb.clock.now());
    expect(await lastAudit(h, s.staff.admin, 'org.archive')).toMatchObject({ targetId: String(id), details: {} });
    const tree = await admin.get('/console/orgs');
    const [open, closed] = tree.body.split('已归档的组织');
    expect(open).not.toContain('已撤并村党支部');
    expect(closed).toContain('已撤并村党支部');
    // 06:00 UTC is 14:00 in Shanghai: the same day.
    expect(closed).toContain('2026-11-10');
    const page = await admin.get(`/console/orgs/${id}`);
    expect(page.body).toContain('已于 2026-11-10 归档');
    expect(page.body).not.toContain(`/console/orgs/${id}/rename`);
    for (const action of ['rename', 'children', 'archive', 'move']) {
      const again = await admin.submit(`/console/orgs/${id}/${action}`, { name: '复活', kind: 'branch', parent: String(s.county) }, `/console/orgs/${id}`);
      expect(again.statusCode, action).toBe(409);
      expect(again.body).toContain('已归档');
    }
    // Nothing moves under it either.
    expect((await admin.submit(`/console/orgs/${s.branch}/move`, { parent: String(id) })).statusCode).toBe(409);
  });

  it('counts members moved out, then archives the emptied branch', async () => {
    const emptied = await admin.submit(`/console/orgs/${township}/children`, { name: '搬空村党支部', kind: 'branch' });
    const id = Number(/orgs\/(\d+)/.exec(emptied.headers.location as string)![1]);
    await h.tb.database.db.update(members).set({ homeOrgId: id }).where(eq(members.personId, s.members.zhao));
    expect((await admin.submit(`/console/orgs/${id}/archive`, {})).statusCode).toBe(409);
    await h.tb.database.db.update(members).set({ homeOrgId: s.branch }).where(eq(members.personId, s.members.zhao));
    expect((await admin.submit(`/console/orgs/${id}/archive`, {})).statusCode).toBe(303);
  });
});

describe('the audit trail', () => {
  it('holds a line for every change and every refusal, by the person who made it, with ids only', async () => {
    const rows = await h.tb.database.db.select().from(auditLog).where(like(auditLog.action, 'org.%'));
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['org.manage', 'org.create', 'org.rename', 'org.move', 'org.archive']) expect(actions).toContain(a);
    expect(rows.every((r) => r.actorId !== null)).toBe(true);
    expect(JSON.stringify(rows.map((r) => r.details))).not.toMatch(/村|镇|script/);
  });
});
