import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, organisations } from '../../src/db/schema/index.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { orgNamed, startScopedConsole, type Scopes } from './scopedConsole.js';

/** 导入组织树 in the console: preview first, the apply plans the file again, parents only where the person runs things. */
let h: ConsoleHarness;
let s: Scopes;
let admin: Browser, secretary: Browser, liaison: Browser;

beforeAll(async () => {
  let as: (personId: number) => Promise<Browser>;
  ({ h, s, as } = await startScopedConsole());
  [admin, secretary, liaison] = await Promise.all([as(s.staff.admin), as(s.staff.secretary), as(s.staff.liaison)]);
});
afterAll(async () => h?.close());

const csv = (rows: string[][]) => Buffer.from(['名称,类型,上级', ...rows.map((r) => r.join(','))].join('\n'), 'utf8');
const upload = (b: Browser, content: Buffer) => b.upload('/console/orgs/import', '/console/orgs/import', { field: 'file', name: 'tree.csv', content, type: 'text/csv' });
const carried = (body: string) => /name="carried" value="([^"]+)"/.exec(body)?.[1];

describe('importing an organisation tree in the console', () => {
  it('previews, writing nothing; the apply creates the rows, children after their parents, and is audited', async () => {
    const tree = csv([['新城一村党支部', '党支部', '新城镇党委'], ['新城镇党委', '乡镇', '示范县委组织部'], ['<script>alert(1)</script>', '党支部', '新城镇党委']]);
    const preview = await upload(admin, tree);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('新建 新城镇党委');
    expect(preview.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(preview.body).not.toContain('<script>alert(1)');
    expect(await orgNamed(h, '新城镇党委')).toBeUndefined();

    const applied = await admin.submit('/console/orgs/import', { carried: carried(preview.body)!, apply: 'yes' }, '/console/orgs/import');
    expect(applied.statusCode).toBe(200);
    expect(applied.body).toContain('3');
    const township = await orgNamed(h, '新城镇党委');
    const village = await orgNamed(h, '新城一村党支部');
    expect(village!.path.startsWith(township!.path)).toBe(true);
    const audits = await h.tb.database.db.select().from(auditLog).where(eq(auditLog.action, 'org.import'));
    expect(audits.map((a) => (a.details as { apply?: boolean }).apply)).toEqual([false, true]);
    // The same file again: everything is there, nothing to create.
    expect((await upload(admin, tree)).body).toContain('没有要新建的');
  });

  it('a branch secretary may hang a tree only under what they run; a parent elsewhere is refused by row', async () => {
    const refused = await upload(secretary, csv([['某临时党支部', '临时党支部', '示范县委组织部']]));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('第 2 行');
    expect(refused.body).not.toContain('name="carried"');
    const ok = await upload(secretary, csv([['幸福村外出务工临时党支部', '临时党支部', '幸福村党支部']]));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('name="carried"');
    // Another county's branch is not found at all from here.
    const other = await upload(secretary, csv([['别村第二党支部', '党支部', '别村党支部']]));
    expect(other.statusCode).toBe(400);
  });

  it('liaisons get no import; a form without its CSRF token writes nothing; a file without the columns is named', async () => {
    expect((await liaison.get('/console/orgs/import')).statusCode).toBe(403);
    const before = (await h.tb.database.db.select({ id: organisations.id }).from(organisations)).length;
    const noToken = await admin.post('/console/orgs/import', { carried: csv([['无令牌党支部', '党支部', '示范县委组织部']]).toString('base64'), apply: 'yes' });
    expect(noToken.statusCode).toBe(403);
    expect((await h.tb.database.db.select({ id: organisations.id }).from(organisations)).length).toBe(before);
    const wrong = await upload(admin, Buffer.from('姓名,电话\n张三,1\n', 'utf8'));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('表头里没有这些列');
  });
});
