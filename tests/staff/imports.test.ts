import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { organisations, studyItems } from '../../src/db/schema/index.js';
import { seedDemo } from '../../src/demo/index.js';
import { applyTreeImport, planTreeImport, type TreeRow } from '../../src/features/organisations/treeImport.js';
import { applyStudyImport, planStudyImport, type StudyRow } from '../../src/features/study/planImport.js';
import { openTestDatabase } from '../support/db.js';
import { addOrg } from './fixture.js';

/**
 * The tree and study-plan imports as the console will call them: planned within the organisations a person runs,
 * applied in one transaction, on both databases.
 */
let database: Database;
let township: { id: number; path: string };
const now = new Date('2026-11-30T19:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.transaction((tx) => seedDemo(tx, now, { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
  const [t] = await database.db.select().from(organisations).where(eq(organisations.name, '城关镇党委'));
  township = { id: t!.id, path: t!.path };
  // Another county, out of the township's scope, with a 新村党支部 of its own.
  const other = await addOrg(database.db, '别县委组织部', 'county', null);
  await addOrg(database.db, '别村党支部', 'branch', other.id);
});
afterAll(() => database?.close());

const tree = (...rows: [string, string, string][]): TreeRow[] => rows.map(([name, kind, parent], i) => ({ row: i + 2, values: { name, kind, parent } }));
const study = (...rows: Partial<StudyRow['values']>[]): StudyRow[] =>
  rows.map((v, i) => ({ row: i + 2, values: { org: '', category: '', title: '', body: '', link: '', date: '', occupations: '', ...v } }));

describe('organisation tree import within a scope', () => {
  it('takes parents only inside the scope, and nothing at the top', async () => {
    const plan = await planTreeImport(database.db, tree(
      ['新村党支部', '党支部', '城关镇党委'],
      ['新村第一党小组', 'branch', '新村党支部'],
      ['外村党支部', '党支部', '别县委组织部'],
      ['顶层党委', '县', ''],
    ), { within: [township.path] });
    expect(plan.rows.map((p) => (p.outcome === 'problem' ? p.problem : p.outcome))).toEqual(['create', 'create', 'outside-scope', 'outside-scope']);
    expect(await applyTreeImport(database.db, plan, now)).toEqual({ refused: 'problems' });

    const good = await planTreeImport(database.db, tree(['新村第一党小组', 'branch', '新村党支部'], ['新村党支部', '党支部', '城关镇党委']), { within: [township.path] });
    const done = await applyTreeImport(database.db, good, now);
    expect('created' in done && done.created.map((c) => c.name)).toEqual(['新村党支部', '新村第一党小组']);
    const [branch] = await database.db.select().from(organisations).where(eq(organisations.name, '新村党支部'));
    expect(branch!.path).toBe(`${township.path}${branch!.id}/`);
    // The same file again, out of scope of the other county: nothing to do.
    expect((await planTreeImport(database.db, tree(['新村党支部', '党支部', '城关镇党委']), { within: [township.path] })).rows[0]).toMatchObject({ outcome: 'exists', id: branch!.id });
  });
});

describe('study plan import within a scope', () => {
  it('finds organisations in scope only, and adds an item once', async () => {
    const rows = study(
      { org: '新村党支部', category: '政策法规', title: '学习党章', date: '2026-12-05' },
      { org: '别村党支部', category: '政策法规', title: '学习党章', date: '2026-12-05' },
    );
    const plan = await planStudyImport(database.db, rows, { today: '2026-12-01', within: [township.path] });
    expect(plan.rows.map((p) => (p.outcome === 'problem' ? p.problem : p.outcome))).toEqual(['create', 'unknown-org']);
    const ok = await planStudyImport(database.db, rows.slice(0, 1), { today: '2026-12-01', within: [township.path] });
    expect(await applyStudyImport(database.db, ok, null, now)).toMatchObject({ created: [{ row: 2 }] });
    expect(await applyStudyImport(database.db, ok, null, now)).toEqual({ created: [] });
    expect(await database.db.select().from(studyItems)).toHaveLength(1);
  });
});
