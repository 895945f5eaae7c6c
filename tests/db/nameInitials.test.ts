import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { fillNameInitials, nameInitials } from '../../src/db/nameInitials.js';
import { persons } from '../../src/db/schema/index.js';
import { seedDemo } from '../../src/demo/index.js';
import { openTestDatabase } from '../support/db.js';
import { branchScope, importFile } from '../fixtures/importHelpers.js';

/** Pinyin initials (persons.name_initials), by which the console's members list finds people: 张建国 → zjg. */
const now = new Date('2026-11-10T06:00:00Z');
let database: Database;
const initialsOf = async (name: string) => (await database.db.select({ i: persons.nameInitials }).from(persons).where(eq(persons.name, name)))[0]?.i;

beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.transaction((tx) => seedDemo(tx, now, { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
});
afterAll(() => database.close());

describe('name initials', () => {
  it('reads surnames as surnames, keeps Latin letters and digits, and is never empty for a name', async () => {
    expect(await nameInitials('张建国')).toBe('zjg');
    expect(await nameInitials('单雄信')).toBe('sxx');
    expect(await nameInitials('曾国藩')).toBe('zgf');
    expect(await nameInitials('长孙无忌')).toBe('zswj');
    expect(await nameInitials('Alice 王')).toBe('alicew');
    expect(await nameInitials('测试007')).toBe('cs007');
    expect(await nameInitials('——')).toBe('——');
    expect(await nameInitials(' ')).toBe('_');
  });

  it('are written with the name by the demo and the roster import', async () => {
    expect(await initialsOf('王书记')).toBe('wsj');
    expect(await initialsOf('刘秀英')).toBe('lxy');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['姓名', '手机号码', '所在支部']);
    ws.addRow(['欧阳春晓', '13800000091', '幸福村党支部']);
    const result = await importFile(database.db, Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx', await branchScope(database.db, null, now));
    expect(result.summary).toMatchObject({ created: 1, errors: 0 });
    expect(await initialsOf('欧阳春晓')).toBe('oycx');
  });

  it('are computed for people written without them, and again after a rename that did not set them', async () => {
    await database.db.execute(sql`insert into persons (name) values ('赵钱孙'), ('李周吴')`);
    expect(await initialsOf('赵钱孙')).toBe('');
    expect(await fillNameInitials(database.db)).toBe(2);
    expect(await initialsOf('赵钱孙')).toBe('zqs');
    await database.db.execute(sql`update persons set name = '郑王冯' where name = '赵钱孙'`);
    expect(await initialsOf('郑王冯')).toBe('');
    // A rename that sets the initials keeps them.
    await database.db.execute(sql`update persons set name = '陈褚卫', name_initials = 'ccw' where name = '李周吴'`);
    expect(await initialsOf('陈褚卫')).toBe('ccw');
    expect(await fillNameInitials(database.db)).toBe(1);
    expect(await initialsOf('郑王冯')).toBe('zwf');
    expect(await fillNameInitials(database.db)).toBe(0);
  });
});
