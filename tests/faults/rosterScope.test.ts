import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { auditLog, memberProfiles, members, persons } from '../../src/db/schema/index.js';
import { auditImport } from '../../src/roster/audit.js';
import { readRoster } from '../../src/roster/importer.js';
import { LIMITS, RosterFileRefused } from '../../src/roster/limits.js';
import { describePreview } from '../../src/roster/report.js';
import { openTestDatabase } from '../support/db.js';
import { seedScopes } from '../staff/fixture.js';
import { branchScope, fixture, importFile, kinds, problems } from '../fixtures/importHelpers.js';
import { idNumber } from '../fixtures/rosterBytes.js';

const now = new Date('2026-11-10T06:00:00Z');
let database: Database;
let outsider: number;
let otherPerson: number;

beforeAll(async () => {
  database = await openTestDatabase();
  const s = await database.db.transaction((tx) => seedScopes(tx, now));
  outsider = s.members.outsider;
  await database.db.update(persons).set({ phone: '13799990001' }).where(eq(persons.id, outsider));
  await database.db.insert(memberProfiles).values({ memberId: outsider, destination: '上海市 浦东新区', updatedAt: now });
  otherPerson = (await database.db.insert(persons).values({ name: '别人', idNumber: idNumber('510101', '19700101', 7) }).returning())[0]!.id;
  await database.db.insert(members).values({ personId: otherPerson, homeOrgId: s.otherBranch, status: 'laid_off' });
});
afterAll(() => database.close());

const refused = (p: Promise<unknown>) => p.then(() => 'read', (e: unknown) => (e instanceof RosterFileRefused ? e.reason : String(e)));

describe('roster rows and other branches (issue 19)', () => {
  it('a row matching a member of another branch is refused, changes nothing, and reveals nothing', async () => {
    const before = await database.db.select().from(persons).innerJoin(members, eq(members.personId, persons.id))
      .leftJoin(memberProfiles, eq(memberProfiles.memberId, persons.id)).where(eq(persons.id, outsider));
    const scope = await branchScope(database.db, '幸福村党支部', now);
    const r = await importFile(database.db, fixture('17-other-branch.xlsx'), '17.xlsx', scope);
    // Name and phone of theirs, and an ID number of theirs: refused with the same words, no name, no branch.
    expect(problems(r)).toEqual([[2, undefined, 'not-here'], [3, undefined, 'not-here']]);
    // Their phone under another name is no match at all: a new person here, as for any unknown number.
    expect(kinds(r)[2]).toEqual([4, 'new']);
    const after = await database.db.select().from(persons).innerJoin(members, eq(members.personId, persons.id))
      .leftJoin(memberProfiles, eq(memberProfiles.memberId, persons.id)).where(eq(persons.id, outsider));
    expect(after).toEqual(before);
    // The higher-level organisation can look into it: the audit names whom each refused row matched, by id.
    await auditImport(database.db, null, 'roster.import.apply', r, now, { kind: 'org' });
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'roster.import.apply'));
    expect(audit!.details).toMatchObject({ outsideScope: [{ row: 2, personId: outsider }, { row: 3, personId: otherPerson }] });
    const [other] = await database.db.select().from(members).where(eq(members.personId, otherPerson));
    expect(other!.status).toBe('laid_off');
    const text = describePreview({ lang: 'zh-CN', sheet: await readRoster(fixture('17-other-branch.xlsx'), '17.xlsx') }, r, 'chat');
    for (const leak of ['别村', '浦东', 'laid_off', '下岗', '已登记', '其他支部', '别的支部']) expect(text).not.toContain(leak);
    const lines = text.split('\n').filter((l) => l.startsWith('第 2 行') || l.startsWith('第 3 行'));
    expect(lines.map((l) => l.replace(/^第 \d 行「[^」]*」/, ''))).toEqual([lines[0]!.replace(/^第 \d 行「[^」]*」/, ''), lines[0]!.replace(/^第 \d 行「[^」]*」/, '')]);
  });

  it('limits what a file may unpack to, and refuses early with the reason', async () => {
    expect(await refused(readRoster(fixture('14-unpacks-huge.xlsx'), 'x.xlsx'))).toBe('too-large-unpacked');
    const rows = `姓名,手机号码\n${'某,1\n'.repeat(LIMITS.rows + 1)}`;
    expect(await refused(readRoster(Buffer.from(rows), 'x.csv'))).toBe('too-many-rows');
    const wide = `${Array.from({ length: LIMITS.columns + 1 }, (_, i) => (i === 0 ? '姓名' : `列${i}`)).join(',')}\n甲\n`;
    expect(await refused(readRoster(Buffer.from(wide), 'x.csv'))).toBe('too-many-columns');
    expect(await refused(readRoster(Buffer.alloc(LIMITS.fileBytes + 1, 0x41), 'x.csv'))).toBe('too-large');
  });

  it('a cell longer than the limit refuses its row, not the file', async () => {
    const csv = `姓名,手机号码,工作单位\n长一,13816160001,${'厂'.repeat(LIMITS.cellChars + 50)}\n长二,13816160002,某厂\n`;
    const r = await importFile(database.db, Buffer.from(csv), 'x.csv', await branchScope(database.db, '幸福村党支部', now));
    expect(problems(r)).toEqual([[2, 'employer', 'too-long']]);
    expect(kinds(r)[1]).toEqual([3, 'new']);
  });
});
