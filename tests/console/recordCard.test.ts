import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, memberProfiles, members, persons, trackingEntries } from '../../src/db/schema/index.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { signInAs, startRecordConsole, type Scopes } from './recordFixture.js';

let h: ConsoleHarness;
let f: Scopes;
let secretary: Browser;
beforeAll(async () => {
  ({ h, f } = await startRecordConsole());
  secretary = await signInAs(h, f.staff.secretary);
});
afterAll(async () => h?.close());

/** A 身份证号 with its GB 11643 check character. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11]!;
}
// Born 1985-06-15, a man (odd 17th digit).
const VALID = idNumber('44190019850615003');
const WRONG_CHECK = `${VALID.slice(0, 17)}${VALID[17] === '0' ? '1' : '0'}`;

const record = () => `/console/members/${f.members.zhang}`;
const edit = (b: Browser, fields: Record<string, string>) => b.submit(`${record()}/card`, fields, '/console/');
const lastAudit = async () => (await h.tb.database.db.select().from(auditLog)
  .where(and(eq(auditLog.actorId, f.staff.secretary), eq(auditLog.action, 'member.manage'))).orderBy(desc(auditLog.id)).limit(1))[0]!;
const zhang = async () => (await h.tb.database.db.select({ p: persons, m: members, profile: memberProfiles }).from(persons)
  .innerJoin(members, eq(members.personId, persons.id)).leftJoin(memberProfiles, eq(memberProfiles.memberId, persons.id))
  .where(eq(persons.id, f.members.zhang)))[0]!;

describe('the registration card (登记卡)', () => {
  it('saves what changed, checked like a roster row, and audits the field names only', async () => {
    const res = await edit(secretary, {
      phone: '139 0013 9000', idNumber: VALID, birthDate: '1985年6月', gender: '男', ethnicity: '汉', joinedOn: '2008.7',
      employer: '长安镇某电子厂', contactName: '张妻', contactPhone: '0769-12345678',
    });
    expect(res.statusCode).toBe(303);
    const shown = await secretary.get(res.headers.location as string);
    expect(shown.body).toContain('已保存 张建国 的登记卡');
    const z = await zhang();
    expect(z.p).toMatchObject({ phone: '13900139000', idNumber: VALID, birthDate: '1985-06' });
    expect(z.m).toMatchObject({ ethnicity: '汉族', joinedOn: '2008-07', employer: '长安镇某电子厂', contactName: '张妻', contactPhone: '0769-12345678' });
    expect(z.profile?.gender).toBe('男');
    const audit = await lastAudit();
    expect(audit.details).toMatchObject({ allowed: true, step: 'card' });
    expect((audit.details as { fields: string[] }).fields.sort()).toEqual(['birthDate', 'contactName', 'contactPhone', 'employer', 'ethnicity', 'gender', 'idNumber', 'joinedOn', 'phone'].sort());
    const written = JSON.stringify(audit.details);
    for (const value of ['13900139000', VALID, '1985', '张妻', '0769', '电子厂']) expect(written).not.toContain(value);
    const [entry] = await h.tb.database.db.select().from(trackingEntries).where(eq(trackingEntries.memberId, f.members.zhang)).orderBy(desc(trackingEntries.id)).limit(1);
    expect(entry!.details).toMatchObject({ card: 'edited' });
    expect(entry!.note).toBeNull();
    expect(shown.body).toContain('修改了登记卡：');
    expect(h.tb.logs.text).not.toContain('13900139000');
  });

  it('refuses an ID number whose check character is wrong, says so next to the field, and changes nothing', async () => {
    const before = await zhang();
    const res = await edit(secretary, { idNumber: WRONG_CHECK, occupation: '送货员' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('登记卡没有保存');
    expect(res.body).toContain('身份证号不对（位数、出生日期或校验码有误），请核对');
    expect(res.body).toContain(`value="${WRONG_CHECK}"`);
    expect(res.body).toMatch(/<details class="edit-card" open>/);
    expect(await zhang()).toEqual(before);
    const audit = await lastAudit();
    expect(audit.details).toMatchObject({ allowed: true, step: 'card', refused: ['idNumber'] });
    expect(JSON.stringify(audit.details)).not.toContain(WRONG_CHECK);
  });

  it('checks the ID number against the sex and birth date, dates to the month, and the required fields', async () => {
    expect((await edit(secretary, { gender: '女' })).body).toContain('和身份证号里的性别对不上');
    expect((await edit(secretary, { birthDate: '1986-06-15' })).body).toContain('和身份证号里的出生日期对不上');
    expect((await edit(secretary, { probationEndsOn: '2027-02' })).body).toContain('请写到日');
    expect((await edit(secretary, { phone: '12345' })).body).toContain('电话号码看不懂');
    expect((await edit(secretary, { joinedOn: '2008.1' })).body).toContain('看不出是 1 月还是 10 月');
    const empty = await edit(secretary, { name: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('不能为空');
    expect((await zhang()).p.name).toBe('张建国');
  });

  it('refuses a number on record for someone else without saying whose', async () => {
    // The same birth date and sex as 张建国's card, so that only the number's owner is in the way.
    const other = idNumber('44190019850615005');
    await h.tb.database.db.update(persons).set({ idNumber: other }).where(eq(persons.id, f.members.liu));
    const res = await edit(secretary, { idNumber: other });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('这个身份证号已经登记在另一个人名下');
    expect(res.body).not.toContain('刘秀英');
    expect((await zhang()).p.idNumber).toBe(VALID);
  });

  it('shows the full ID number to the member’s own secretary only; a masked number sent back is no change', async () => {
    expect((await secretary.get(record())).body).toContain(VALID);
    const admin = await signInAs(h, f.staff.admin);
    const page = await admin.get(record());
    const masked = `${VALID.slice(0, 3)}${'*'.repeat(11)}${VALID.slice(-4)}`;
    expect(page.body).not.toContain(VALID);
    expect(page.body).toContain(masked);
    const res = await admin.submit(`${record()}/card`, { idNumber: masked, education: '高中' }, '/console/');
    expect(res.statusCode).toBe(303);
    expect((await zhang()).p.idNumber).toBe(VALID);
    expect((await zhang()).m.education).toBe('高中');
  });

  it('erases a field emptied on purpose, says when nothing changed, and keeps the category of a member marked lost contact', async () => {
    expect((await edit(secretary, { employer: '' })).statusCode).toBe(303);
    expect((await zhang()).m.employer).toBeNull();
    const same = await edit(secretary, { occupation: (await zhang()).m.occupation ?? '' });
    expect(decodeURIComponent(same.headers.location as string)).toContain('登记卡没有改动');
    await h.tb.database.db.update(members).set({ status: 'lost_contact', categoryWhileLost: 'mobile' }).where(eq(members.personId, f.members.zhang));
    const page = await secretary.get(record());
    expect(page.body).toContain('重新联系上后自动恢复原来的类别');
    expect((await edit(secretary, { category: '在家党员' })).statusCode).toBe(303);
    expect((await zhang()).m.status).toBe('lost_contact');
    await h.tb.database.db.update(members).set({ status: 'mobile', categoryWhileLost: null }).where(eq(members.personId, f.members.zhang));
    expect((await edit(secretary, { category: '下岗失业党员', status: '预备党员' })).statusCode).toBe(303);
    expect((await zhang()).m).toMatchObject({ status: 'laid_off', probationary: true });
  });

  it('is refused to those who see the member but do not manage them, and to everyone else as not there', async () => {
    const liaison = await signInAs(h, f.staff.liaison);
    expect((await liaison.get(record())).body).not.toContain('修改登记卡');
    expect((await liaison.submit(`${record()}/card`, { occupation: '厨师' }, '/console/')).statusCode).toBe(403);
    const stranger = await signInAs(h, f.staff.otherSecretary);
    expect((await stranger.submit(`${record()}/card`, { occupation: '厨师' }, '/console/')).statusCode).toBe(404);
    expect((await zhang()).m.occupation).not.toBe('厨师');
  });
});
