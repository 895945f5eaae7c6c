import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import {
  auditLog, conversations, helpRequests, identities, liaisonAssignments, memberProfiles, members, persons, reports, trackingEntries,
} from '../../src/db/schema/index.js';
import { readRoster } from '../../src/roster/importer.js';
import { describePreview } from '../../src/roster/report.js';
import { openTestDatabase } from '../support/db.js';
import { seedScopes } from './fixture.js';
import { branchScope, fixture, importFile, previewFile } from '../fixtures/importHelpers.js';
import { idNumber } from '../fixtures/rosterBytes.js';

const now = new Date('2026-11-10T06:00:00Z');
const LIU_ID = idNumber('330102', '19700808', 4);
let database: Database;
let liu: number;

/** Everything the bot keeps about a person: a conflicting row must leave all of it exactly as it was. */
async function everythingAbout(id: number) {
  const db = database.db;
  const of = async <T>(q: Promise<T[]>) => JSON.stringify(await q);
  return {
    person: await of(db.select().from(persons).where(eq(persons.id, id))),
    member: await of(db.select().from(members).where(eq(members.personId, id))),
    profile: await of(db.select().from(memberProfiles).where(eq(memberProfiles.memberId, id))),
    accounts: await of(db.select().from(identities).where(eq(identities.personId, id)).orderBy(identities.id)),
    card: await of(db.select().from(trackingEntries).where(eq(trackingEntries.memberId, id)).orderBy(trackingEntries.id)),
    reports: await of(db.select().from(reports).where(eq(reports.memberId, id)).orderBy(reports.id)),
    help: await of(db.select().from(helpRequests).where(eq(helpRequests.memberId, id)).orderBy(helpRequests.id)),
    liaison: await of(db.select().from(liaisonAssignments).where(eq(liaisonAssignments.memberId, id))),
    conversation: await of(db.select().from(conversations).where(eq(conversations.personId, id))),
  };
}

beforeAll(async () => {
  database = await openTestDatabase();
  const s = await database.db.transaction((tx) => seedScopes(tx, now));
  liu = s.members.liu;
  await database.db.update(persons).set({ idNumber: LIU_ID, birthDate: '1970-08-08' }).where(eq(persons.id, liu));
  await database.db.insert(reports).values({ memberId: liu, kind: 'monthly', period: '2026-11', submittedAt: now, work: 'working', hasDifficulty: false, studied: true, movedSinceLast: false });
  await database.db.insert(trackingEntries).values({ memberId: liu, at: now, kind: 'report', details: { period: '2026-11' } });
});
afterAll(() => database.close());

describe('a row that would put an existing record under another name (刘秀英 → 王桂兰)', () => {
  it('is a conflict, reported, and changes nothing of the person, her accounts or her history', async () => {
    const before = await everythingAbout(liu);
    const count = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(persons))[0]!.n;
    const people = await count();
    const csv = [
      '姓名,手机号码,身份证号,出生日期,工作单位',
      '王桂兰,13800138004,,,某服装厂', // her phone
      `王桂兰,,${LIU_ID},,某服装厂`, // her ID number
      '王桂兰,,,1970-08-08,某服装厂', // her birth date, another name: simply someone else
    ].join('\n');
    const scope = await branchScope(database.db, '幸福村党支部', now);
    const preview = await previewFile(database.db, Buffer.from(csv), 'x.csv', scope);
    expect(preview.outcomes.slice(0, 2)).toEqual([
      { kind: 'conflict', row: 2, errors: [{ row: 2, field: 'phone', problem: 'conflict-phone', onRecord: '刘秀英' }] },
      { kind: 'conflict', row: 3, errors: [{ row: 3, field: 'idNumber', problem: 'conflict-name', onRecord: '刘秀英' }] },
    ]);
    const text = describePreview({ lang: 'zh-CN', sheet: await readRoster(Buffer.from(csv), 'x.csv') }, preview, 'chat');
    expect(text).toContain('冲突 2 行');
    expect(text).toContain('第 2 行「手机号码」：这个手机号码登记在 刘秀英 名下');
    const applied = await importFile(database.db, Buffer.from(csv), 'x.csv', scope);
    expect(applied.summary).toMatchObject({ conflicts: 2, updated: 0 });
    expect(await everythingAbout(liu)).toEqual(before);
    // Row 4 shares only a birth date with her, under another name: a new person, and 刘秀英 untouched.
    expect(await count()).toBe(people + 1);
  });

  it('fixture 15: 王桂兰 with her phone is a conflict; her own row still updates her, and her name stays', async () => {
    const r = await importFile(database.db, fixture('15-rename-conflict.xlsx'), '15.xlsx', await branchScope(database.db, '幸福村党支部', now));
    expect(r.outcomes.map((o) => o.kind)).toEqual(['conflict', 'update']);
    const [p] = await database.db.select().from(persons).where(eq(persons.id, liu));
    expect(p!.name).toBe('刘秀英');
    expect((await database.db.select().from(identities).where(eq(identities.personId, liu))).length).toBeGreaterThan(0);
    expect((await database.db.select().from(members).where(eq(members.personId, liu)))[0]!.employer).toBe('某纺织厂');
  });

  it('is in the audit log as counts and ids, never names or numbers', async () => {
    const rows = await database.db.select().from(auditLog);
    const text = JSON.stringify(rows);
    for (const secret of ['王桂兰', '刘秀英', '13800138004', LIU_ID]) expect(text).not.toContain(secret);
  });
});
