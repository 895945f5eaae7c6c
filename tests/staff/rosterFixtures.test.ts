import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { memberProfiles, members, persons } from '../../src/db/schema/index.js';
import { isAllowed } from '../../src/features/access/authorize.js';
import { t } from '../../src/bot/i18n/index.js';
import { readRoster } from '../../src/roster/importer.js';
import { RosterFileRefused } from '../../src/roster/limits.js';
import { describeRefusal } from '../../src/roster/report.js';
import { openTestDatabase } from '../support/db.js';
import { seedScopes } from './fixture.js';
import { branchScope, fixture, importFile, kinds, problems } from '../fixtures/importHelpers.js';

const now = new Date('2026-11-10T06:00:00Z');
const BRANCH = '幸福村党支部';
let database: Database;
let secretary: number;

beforeAll(async () => {
  database = await openTestDatabase();
  const s = await database.db.transaction((tx) => seedScopes(tx, now));
  secretary = s.staff.secretary;
});
afterAll(() => database.close());

const intoBranch = async (name: string) => importFile(database.db, fixture(name), name, await branchScope(database.db, BRANCH, now));
async function record(name: string) {
  const [r] = await database.db.select().from(persons).innerJoin(members, eq(members.personId, persons.id))
    .leftJoin(memberProfiles, eq(memberProfiles.memberId, persons.id)).where(eq(persons.name, name));
  return r!;
}
async function refusedFor(name: string): Promise<string> {
  try {
    await readRoster(fixture(name), name);
    return 'read';
  } catch (err) {
    if (!(err instanceof RosterFileRefused)) throw err;
    return err.reason;
  }
}

describe('messy rosters (tests/fixtures/rosters, made by tests/fixtures/makeRosters.ts)', () => {
  it('01: finds the header under a title and a date line, skips 序号 and the footers, needs no 所在支部', async () => {
    const r = await intoBranch('01-title-and-footer.xlsx');
    expect(kinds(r)).toEqual([[5, 'new'], [6, 'new'], [7, 'new']]);
    expect(r.unknownColumns).toEqual([]);
    const sun = await record('孙海波');
    expect(sun.members).toMatchObject({ status: 'mobile', departedOn: '2024-03-01', departedMonthOnly: true, destinationRegionCode: '441900', employer: '东莞某电子厂' });
    expect(sun.member_profiles?.destination).toBe('广东省东莞市');
    expect((await record('钱玉兰')).members.status).toBe('resident');
  });

  it('02: reads synonyms of every column and reports the unknown ones once', async () => {
    const r = await intoBranch('02-synonyms.xlsx');
    expect(r.summary).toMatchObject({ created: 2, errors: 0 });
    expect(r.unknownColumns).toEqual(['QQ号', '备注2']);
    const wu = await record('吴国栋');
    expect(wu.persons).toMatchObject({ idNumber: '330102198003150014', birthDate: '1980-03', phone: '13822220001' });
    expect(wu.members).toMatchObject({
      ethnicity: '汉族', joinedOn: '2005-07', fullMemberOn: '2006-07', education: '高中', employer: '深圳某建筑公司', occupation: '建筑工人',
      status: 'mobile', departedOn: '2019-03-01', destinationRegionCode: '440306', contactName: '吴妻', contactPhone: '13922220001',
    });
    expect((await record('郑丽华')).members).toMatchObject({ ethnicity: '回族', status: 'resident', joinedOn: '2010-07' });
  });

  it('03: dates in every form; month-only stays month-only; 2001.1 and 2001-13-01 are refused', async () => {
    const r = await intoBranch('03-dates.xlsx');
    expect(problems(r)).toEqual([[6, 'joinedOn', 'ambiguous-date'], [7, 'birthDate', 'bad-date']]);
    expect(r.summary.created).toBe(4);
    expect((await record('冯一')).members).toMatchObject({ joinedOn: '2001-07-01', fullMemberOn: '2002-07-01', departedMonthOnly: true });
    expect((await record('冯二')).persons.birthDate).toBe('1971-07-01');
    expect((await record('冯二')).members).toMatchObject({ joinedOn: '2001-07', fullMemberOn: '2002-07' });
    expect((await record('冯三')).members).toMatchObject({ joinedOn: '2001-07', fullMemberOn: '2002-12', departedOn: '2000-07-01', departedMonthOnly: false });
    expect((await record('冯四')).members).toMatchObject({ joinedOn: '2001-07', fullMemberOn: '2002-07-01', departedOn: '2025-01-01' });
  });

  it('04: 预备党员 under 党员类别 is a status; 外出务工 and 下岗 are categories; unknown words refused', async () => {
    const r = await intoBranch('04-categories.xlsx');
    expect(problems(r)).toEqual([[8, 'category', 'bad-category'], [9, 'status', 'bad-status']]);
    expect((await record('褚一')).members).toMatchObject({ probationary: true, status: 'resident' });
    expect((await record('褚二')).members).toMatchObject({ probationary: false, status: 'mobile' });
    expect((await record('褚三')).members).toMatchObject({ probationary: true, status: 'laid_off' });
    expect((await record('褚六')).members.status).toBe('laid_off');
  });

  it('05: landlines and spaced numbers; a second number kept as another way to reach them', async () => {
    const r = await intoBranch('05-phones.xlsx');
    expect(problems(r)).toEqual([[6, 'phone', 'bad-phone'], [7, 'contactPhone', 'bad-phone']]);
    expect((await record('卫一')).persons.phone).toBe('0755-12345678');
    expect((await record('卫一')).members).toMatchObject({ contactName: '卫母', contactPhone: '13955550001' });
    expect((await record('卫二')).persons.phone).toBe('13855550002');
    expect((await record('卫四')).member_profiles?.contact).toBe('13955550004');
  });

  it('06: ID numbers checked (GB 11643), damaged ones named, a repeated one reported', async () => {
    const r = await intoBranch('06-id-numbers.xlsx');
    expect(problems(r)).toEqual([
      [3, 'idNumber', 'bad-id-number'], [4, 'idNumber', 'id-number-15'], [5, 'idNumber', 'id-number-as-number'],
      [6, 'birthDate', 'id-birth-mismatch'], [7, 'idNumber', 'duplicate-row'],
    ]);
    expect((await record('蒋一')).persons.idNumber).toBe('11010519491231002X');
    expect((await record('蒋七')).persons.idNumber).toMatch(/^110105196202020\d{2}[\dX]$/);
  });

});

describe('messy rosters: encodings, refusals, duplicates, branches, layout', () => {
  it('07–11: GBK, GB18030, UTF-8 with and without BOM, UTF-16 text: the same people, imported once', async () => {
    const gbk = await intoBranch('07-gbk.csv');
    expect(gbk.encoding).toBe('GBK');
    expect(gbk.summary).toMatchObject({ created: 2, errors: 0 });
    expect((await record('沈建华')).members.employer).toBe('苏州某厂,二车间');
    for (const name of ['09-utf8-bom.csv', '10-utf8.csv', '11-unicode-text.txt']) {
      expect((await intoBranch(name)).summary).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    }
    const gb18030 = await intoBranch('08-gb18030.csv');
    expect(gb18030.encoding).toBe('GB18030');
    expect(gb18030.summary).toMatchObject({ created: 1, unchanged: 2 });
    expect((await record('刘㛃')).persons.phone).toBe('13877770003');
  });

  it('12–14, 20: an .xls, a password, a zip bomb and a sheet without header are refused with what to do', async () => {
    expect(await refusedFor('12-old-excel.xls')).toBe('xls');
    expect(await refusedFor('13-password.xlsx')).toBe('encrypted');
    expect(await refusedFor('14-unpacks-huge.xlsx')).toBe('too-large-unpacked');
    expect(await refusedFor('20-no-header.xlsx')).toBe('no-header');
    expect(describeRefusal('zh-CN', new RosterFileRefused('xls'))).toContain('另存为');
    expect(describeRefusal('zh-CN', new RosterFileRefused('xls'))).toContain('.xlsx');
  });

  it('16: duplicates inside the file: the same ID, the same name and phone, one phone under two names', async () => {
    const r = await intoBranch('16-duplicates.xlsx');
    expect(kinds(r)).toEqual([[2, 'new'], [3, 'error'], [4, 'new'], [5, 'error'], [6, 'new'], [7, 'conflict']]);
    expect(r.outcomes[1]).toMatchObject({ errors: [{ problem: 'duplicate-row', sameAs: 2 }] });
    expect(r.outcomes[3]).toMatchObject({ errors: [{ problem: 'duplicate-row', sameAs: 4 }] });
    expect(r.outcomes[5]).toMatchObject({ errors: [{ problem: 'shared-phone', sameAs: 6, onRecord: '杨三' }] });
    expect(await database.db.select().from(persons).where(eq(persons.name, '杨四'))).toEqual([]);
  });

  it('18: rows naming their 所在支部: the secretary\'s own branch only', async () => {
    const scope = await branchScope(database.db, null, now, {
      actorId: secretary, canUseOrg: (db, orgId) => isAllowed(db, secretary, 'roster.import', { kind: 'org', id: orgId }),
    });
    const r = await importFile(database.db, fixture('18-multi-branch.xlsx'), '18.xlsx', scope);
    expect(problems(r)).toEqual([[3, 'branch', 'branch-out-of-scope'], [4, 'branch', 'unknown-branch'], [5, 'branch', 'no-branch']]);
    expect(kinds(r)[0]).toEqual([2, 'new']);
  });

  it('19: a group heading over the header, section headings and a repeated header are no members', async () => {
    const r = await intoBranch('19-sections.xlsx');
    expect(kinds(r)).toEqual([[5, 'new'], [6, 'new'], [9, 'new']]);
    expect((await record('许二')).members.joinedOn).toBe('2008-07');
  });

  it('a one-branch roster naming another branch in 所在支部 is refused row by row', async () => {
    const r = await importFile(database.db, Buffer.from('姓名,手机号码,所在支部\n欧一,13815150001,别村党支部\n'), 'x.csv', await branchScope(database.db, BRANCH, now));
    expect(problems(r)).toEqual([[2, 'branch', 'other-branch']]);
    expect(t('zh-CN', 'roster-row-problem', { row: 2, column: '所在支部', problem: 'other-branch', sameAs: '-', onRecord: '-' })).toContain('不是这次导入的支部');
  });
});
