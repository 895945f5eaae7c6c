import { and, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../../src/db/client.js';
import { auditLog, duesAmounts, duesPayments, members, persons, recognitions, staffRoles } from '../../src/db/schema/index.js';
import { loadFacts } from '../../src/bot/facts.js';
import type { Reply } from '../../src/bot/flow.js';
import { declaredCommands, pressDeclaredButton, runDeclaredButton, runDeclaredCommand } from '../support/commands.js';
import { menuCommands } from '../../src/bot/registry.js';
import { memberIdsBy, visibleMember, visibleMembers } from '../../src/features/access/scope.js';
import { openTestDatabase } from '../support/db.js';
import { seedScopes } from './fixture.js';

const now = new Date('2026-11-10T06:00:00Z');
let database: Database;
let f: Awaited<ReturnType<typeof seedScopes>>;

/** A month of dues each member says is paid, waiting for the confirming button: member → payment id. */
const claims = new Map<number, number>();
/** A 先进 of each member, proposed by the inflow organisation for a member attached to it, else by the home branch: member → its id. */
const examples = new Map<number, number>();
/** A secretary of the inflow organisation: its side of 双向管理 for the members attached to it (the 活动证 above all). */
let inflowSecretary = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  f = await database.db.transaction((tx) => seedScopes(tx, now));
  const [p] = await database.db.insert(persons).values({ name: '流入地书记' }).returning({ id: persons.id });
  inflowSecretary = p!.id;
  await database.db.insert(staffRoles).values({ personId: inflowSecretary, role: 'secretary', orgId: f.inflow });
  for (const m of [f.members.zhang, f.members.liu, f.members.chen, f.members.outsider]) {
    await database.db.insert(duesAmounts).values({ memberId: m, monthlyFen: 2000, fromMonth: '2026-01', setAt: now });
    const [p] = await database.db.insert(duesPayments).values({ memberId: m, month: '2026-10', paidOn: '2026-11-01', state: 'claimed', recordedBy: m, recordedAt: now }).returning({ id: duesPayments.id });
    claims.set(m, p!.id);
    const [home] = await database.db.select({ home: members.homeOrgId, inflow: members.inflowOrgId }).from(members).where(eq(members.personId, m));
    const [r] = await database.db.insert(recognitions).values({ memberId: m, year: 2026, reason: '-', proposedByOrgId: home!.inflow ?? home!.home, recordedAt: now }).returning({ id: recognitions.id });
    examples.set(m, r!.id);
  }
});
afterAll(() => database.close());

const DENIED = ['staff-member-not-found', 'staff-member-no-such-name', 'staff-help-not-found', 'staff-thought-not-found', 'staff-org-out-of-scope', 'common-staff-only', 'staff-managers-only', 'broadcast-urgent-admins-only'];
class Rollback extends Error {}

/** Runs one command in a transaction that is rolled back, so every cell of the matrix starts from the same data. */
async function attempt(actor: number, tool: string, arg: string, pressed = false): Promise<{ replies: Reply[]; audits: { allowed: unknown; action: string }[] }> {
  let out: { replies: Reply[]; audits: { allowed: unknown; action: string }[] } | undefined;
  await database.db.transaction(async (tx: DbOrTx) => {
    const [last] = await tx.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id).limit(1);
    const facts = (await loadFacts(tx, actor, now))!;
    const replies = pressed ? await runDeclaredButton(tx, facts, arg, now) : await runDeclaredCommand(tx, facts, tool, arg, now);
    const audits = await tx.select().from(auditLog).where(and(eq(auditLog.actorId, actor), gt(auditLog.id, last?.id ?? 0)));
    out = { replies, audits: audits.map((a) => ({ action: a.action, allowed: (a.details as { allowed?: unknown }).allowed })) };
    throw new Rollback();
  }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
  return out!;
}

/** 'opinion': 民主评议's opinions: the home side and, for members attached to it, the inflow organisation; not a helper. */
/** 'dues': 党费 months paid, recorded by the home branch or the inflow organisation of a member attached to it. */
/** 'activity': an activity on the 活动证, recorded by the inflow organisation of a member attached to it, nobody else. */
type Kind = 'contact' | 'manage' | 'org' | 'urgent' | 'opinion' | 'dues' | 'activity';
/** Member commands take the member id; org commands an organisation id. */
const COMMANDS: { tool: string; kind: Kind; arg: (target: number, request: number) => string }[] = [
  { tool: 'log', kind: 'contact', arg: (m) => `${m} visit 在家` },
  { tool: 'hr', kind: 'contact', arg: (_m, r) => `${r} take` },
  { tool: 'hr', kind: 'contact', arg: (_m, r) => `${r} note 已联系老板` },
  { tool: 'hr', kind: 'contact', arg: (_m, r) => `${r} resolve` },
  { tool: 'hr', kind: 'contact', arg: (_m, r) => `${r}` },
  { tool: 'hr', kind: 'contact', arg: (_m, r) => `${r} handover` },
  { tool: 'hr', kind: 'contact', arg: (_m, r) => `${r} note` },
  { tool: 'cert', kind: 'contact', arg: (m) => `${m} handover 2026-11-01` },
  { tool: 'assign', kind: 'manage', arg: (m) => `${m} liaison ${f.staff.liaison}` },
  { tool: 'depart', kind: 'manage', arg: (m) => `${m} 2026-11-01 广东省深圳市 某厂 普工` },
  { tool: 'return', kind: 'manage', arg: (m) => `${m} 2026-11-09` },
  { tool: 'cert', kind: 'manage', arg: (m) => `${m} LD-${m} 2026-11-01 2027-04-30` },
  { tool: 'attach', kind: 'manage', arg: (m) => `${m} ${f.inflow}` },
  { tool: 'transfer', kind: 'manage', arg: (m) => `${m} ${f.branch}` },
  { tool: 'stats', kind: 'org', arg: (o) => `${o}` },
  { tool: 'audience', kind: 'org', arg: (o) => `流动 org=${o}` },
  { tool: 'audience', kind: 'org', arg: (o) => `流动党员 地点=杭州 排除=赵小红 org=${o}` },
  // A broadcast that passes its checks opens the confirming question (no reply of its own here).
  { tool: 'broadcast', kind: 'org', arg: (o) => `下岗失业党员 org=${o} | 通知` },
  // Skipping members' quiet hours and weekly cap is for organisation admins only.
  { tool: 'broadcast', kind: 'urgent', arg: (o) => `紧急 org=${o} | 台风停工` },
  { tool: 'yearsummary', kind: 'contact', arg: (m) => `${m}` },
  { tool: 'opinion', kind: 'opinion', arg: (m) => `${m} 按时报到，表现好` },
  { tool: 'evalresult', kind: 'manage', arg: (m) => `${m} 合格 按时报到` },
  { tool: 'evaluations', kind: 'org', arg: (o) => `${o}` },
  { tool: 'evalmonth', kind: 'org', arg: (o) => `11 ${o}` },
  // Anyone who works with a member may export that member's two cards.
  { tool: 'export', kind: 'contact', arg: (m) => `登记卡 ${m}` },
  { tool: 'export', kind: 'org', arg: (o) => `评议 ${o}` },
  { tool: 'makeup', kind: 'manage', arg: (m) => `2026-11-01 ${m}` },
  { tool: 'visits', kind: 'org', arg: (o) => `${o}` },
  { tool: 'homecoming', kind: 'org', arg: (o) => `${o}` },
  { tool: 'holiday', kind: 'org', arg: (o) => `2027-10-01 国庆节 ${o}` },
  { tool: 'dues', kind: 'manage', arg: (m) => `${m} 金额 20` },
  { tool: 'dues', kind: 'dues', arg: (m) => `${m} 已交 2026-10` },
  { tool: 'arrears', kind: 'org', arg: (o) => `${o}` },
  { tool: 'ledger', kind: 'org', arg: (o) => `${o}` },
  { tool: 'export', kind: 'org', arg: (o) => `党费 ${o}` },
  { tool: 'offer', kind: 'org', arg: (o) => `${o} 培训 | 电工培训班 | 县职业技术学校 | 2026-12-01` },
  { tool: 'employment', kind: 'contact', arg: (m) => `${m} 再就业 2026-11-01` },
  { tool: 'employment', kind: 'contact', arg: (m) => `${m} 意向 电工` },
  { tool: 'jobstats', kind: 'org', arg: (o) => `${o}` },
  // 先进 is proposed by an organisation: the same two sides as dues.
  { tool: 'example', kind: 'dues', arg: (m) => `${m} 帮助工友讨回欠薪` },
  { tool: 'examples', kind: 'org', arg: (o) => `${o}` },
  { tool: 'activity', kind: 'activity', arg: (m) => `${m} 2026-11-01 参加主题党日` },
  // A member's 就业意向, as they said it: whoever works with the member may read it.
  { tool: 'employment', kind: 'contact', arg: (m) => `${m}` },
];

/** role → the member in its scope, the org in its scope, what it may do. */
function roles() {
  return [
    { role: 'org_admin', actor: f.staff.admin, member: f.members.chen, org: f.county, may: ['contact', 'manage', 'org', 'urgent', 'opinion', 'dues'] as Kind[] },
    { role: 'secretary', actor: f.staff.secretary, member: f.members.chen, org: f.branch, may: ['contact', 'manage', 'org', 'opinion', 'dues'] as Kind[] },
    { role: 'liaison', actor: f.staff.liaison, member: f.members.chen, org: f.branch, may: ['contact', 'opinion'] as Kind[] },
    { role: 'helper', actor: f.staff.helper, member: f.members.liu, org: f.branch, may: ['contact'] as Kind[] },
    { role: 'inflow liaison', actor: f.staff.inflowLiaison, member: f.members.zhang, org: f.inflow, may: ['contact', 'opinion', 'dues', 'activity'] as Kind[] },
    // The inflow organisation's secretary runs that organisation (its lists, offers, holidays) and serves the members attached to it.
    { role: 'inflow secretary', actor: inflowSecretary, member: f.members.zhang, org: f.inflow, may: ['contact', 'opinion', 'dues', 'activity', 'org'] as Kind[] },
    { role: 'member', actor: f.members.zhao, member: f.members.chen, org: f.branch, may: [] as Kind[] },
  ];
}

/**
 * The staff buttons: under help requests and thought reports, the contact logged from a digest or a home-visit
 * task, and the confirmation of a member's 我交了党费. `r` a help request, `t` a thought report, `c` a dues claim
 * of the target member.
 */
const BUTTONS: { name: string; kind: Kind; payload: (r: number, t: number, target: number, c: number, e: number) => string }[] = [
  { name: 'hr:show', kind: 'contact', payload: (r) => `hr:show:${r}` },
  { name: 'hr:take', kind: 'contact', payload: (r) => `hr:take:${r}` },
  { name: 'hr:note', kind: 'contact', payload: (r) => `hr:note:${r}` },
  { name: 'hr:handover', kind: 'contact', payload: (r) => `hr:handover:${r}` },
  { name: 'hr:to', kind: 'contact', payload: (r) => `hr:to:${r}:${f.staff.secretary}` },
  { name: 'hr:resolve', kind: 'contact', payload: (r) => `hr:resolve:${r}` },
  { name: 'thought:read', kind: 'contact', payload: (_r, t) => `thought:read:${t}` },
  { name: 'thought:reply', kind: 'contact', payload: (_r, t) => `thought:reply:${t}` },
  { name: 'contact:visit', kind: 'contact', payload: (_r, _t, m) => `contact:visit:${m}` },
  // The home branch or, for a member attached to it, the inflow organisation confirms: as /dues 已交 would.
  { name: 'dues:confirm', kind: 'dues', payload: (_r, _t, _m, c) => `dues:confirm:${c}` },
  // 先进: revoked by the home branch, or by the inflow organisation that proposed it (asks for the reason first);
  // announced to the home branch by whoever may send notices there.
  { name: 'example:revoke', kind: 'dues', payload: (_r, _t, _m, _c, e) => `example:revoke:${e}` },
  { name: 'example:announce', kind: 'manage', payload: (_r, _t, _m, _c, e) => `example:announce:${e}` },
];

describe('permission matrix: role × in scope / out of scope × command', () => {
  it('allows exactly what each role may do in scope, nothing out of scope, and audits staff attempts', async () => {
    const table: string[] = [];
    for (const r of roles()) {
      for (const c of COMMANDS) {
        for (const inScope of [true, false]) {
          const target = c.kind === 'org' || c.kind === 'urgent' ? (inScope ? r.org : f.otherCounty) : inScope ? r.member : f.members.outsider;
          const request = f.requests.get(target) ?? -1;
          const { replies, audits } = await attempt(r.actor, c.tool, c.arg(target, request));
          // A command that opens a question (`/hr N note` with no text) answers nothing yet: allowed.
          const allowed = replies.length === 0 || !DENIED.includes(replies[0]!.key);
          const expected = inScope && r.may.includes(c.kind);
          table.push(`${r.role} ${c.tool}(${c.kind}) ${inScope ? 'in' : 'out'}: ${allowed === expected ? 'ok' : `WRONG got ${replies[0]?.key ?? 'a question'}`}`);
          if (r.role !== 'member') {
            expect(audits.length, `${r.role} ${c.tool} audited`).toBeGreaterThan(0);
            expect(audits.some((a) => a.allowed === allowed), `${r.role} ${c.tool} audit says ${allowed}`).toBe(true);
          }
        }
      }
    }
    expect(table.filter((l) => l.includes('WRONG'))).toEqual([]);
    expect(table.length).toBe(roles().length * COMMANDS.length * 2);
    // Some 500 rolled-back transactions: on a busy two-core machine more than the default 30 s.
  }, 180_000);

  it('the staff buttons: allowed in scope to the roles that may, never outside it, always audited', async () => {
    const table: string[] = [];
    for (const r of roles()) {
      for (const b of BUTTONS) {
        for (const inScope of [true, false]) {
          const target = inScope ? r.member : f.members.outsider;
          const { replies, audits } = await attempt(r.actor, '', b.payload(f.requests.get(target) ?? -1, f.thoughts.get(target) ?? -1, target, claims.get(target) ?? -1, examples.get(target) ?? -1), true);
          const allowed = !DENIED.includes(replies[0]!.key);
          const expected = inScope && r.may.includes(b.kind);
          table.push(`${r.role} ${b.name} ${inScope ? 'in' : 'out'}: ${allowed === expected ? 'ok' : `WRONG got ${replies[0]!.key}`}`);
          if (r.role !== 'member') expect(audits.length, `${r.role} ${b.name} audited`).toBeGreaterThan(0);
        }
      }
    }
    expect(table.filter((l) => l.includes('WRONG'))).toEqual([]);
    expect(table.length).toBe(roles().length * BUTTONS.length * 2);
  });

  it('the members’ buttons of the year act on the one who taps: staff who are no member are refused', async () => {
    // 我交了党费's month, a sign-up, the holiday answer, 我回来了's confirmation: no member id in them to reach another.
    const payloads = ['dues:claim:2026-10', 'job:signup:1', 'hq:2027-02-06:away', 'home:yes:2026-11-10', 'home:no'];
    const staff = [f.staff.admin, f.staff.secretary, f.staff.liaison, f.staff.helper, f.staff.inflowLiaison, f.staff.otherSecretary];
    const answers = [];
    for (const actor of staff) for (const p of payloads) answers.push((await attempt(actor, '', p, true)).replies[0]!.key);
    expect(new Set(answers)).toEqual(new Set(['common-members-only']));
    // A member's claim is their own month, whatever another member's record holds.
    const { replies } = await attempt(f.members.chen, '', 'dues:claim:2026-10', true);
    expect(replies[0]!.key).toBe('dues-claim-noted');
  });

  it('/hr lists only the requests of members in scope', async () => {
    const { replies } = await attempt(f.staff.liaison, 'hr', '');
    expect(replies[0]!.key).toBe('staff-help-list');
    const lines = String(replies[0]!.args!.lines);
    expect(lines).not.toContain('别村党员');
    expect(lines).toContain('陈志强');
    const outsider = await attempt(f.staff.otherSecretary, 'hr', '');
    expect(String(outsider.replies[0]!.args!.lines)).not.toContain('陈志强');
  });

  it('offers in each role’s menu exactly the tools of the matrix that role may use', () => {
    const staffRole = { org_admin: 'org_admin', secretary: 'secretary', liaison: 'liaison', helper: 'helper', 'inflow liaison': 'liaison', 'inflow secretary': 'secretary' } as const;
    const wrong: string[] = [];
    // A menu is per role: a liaison's shows what a liaison may do at home or in an inflow organisation.
    const staff = roles().filter((r) => r.role !== 'member');
    for (const role of new Set(staff.map((r) => staffRole[r.role as keyof typeof staffRole]))) {
      const holders = staff.filter((r) => staffRole[r.role as keyof typeof staffRole] === role);
      const menu = menuCommands(declaredCommands, 'staff', [role]).map((c) => c.name);
      for (const tool of new Set(COMMANDS.map((c) => c.tool))) {
        const usable = COMMANDS.some((c) => c.tool === tool && holders.some((r) => r.may.includes(c.kind)));
        if (usable !== menu.includes(tool)) wrong.push(`${role} ${tool}: menu ${menu.includes(tool)}, may ${usable}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('an id outside scope is answered like an id that does not exist', async () => {
    const outside = await attempt(f.staff.secretary, 'log', `${f.members.outsider} call`);
    const missing = await attempt(f.staff.secretary, 'log', '999999 call');
    expect(outside.replies.map((r) => r.key)).toEqual(missing.replies.map((r) => r.key));
    const hrOutside = await attempt(f.staff.liaison, 'hr', `${f.requests.get(f.members.outsider)} take`);
    const hrMissing = await attempt(f.staff.liaison, 'hr', '999999 take');
    expect(hrOutside.replies).toEqual(hrMissing.replies);
    // A dues claim outside scope, even one confirmed already, says nothing of itself.
    await database.db.update(duesPayments).set({ state: 'confirmed' }).where(eq(duesPayments.id, claims.get(f.members.outsider)!));
    const duesOutside = await attempt(f.staff.secretary, '', `dues:confirm:${claims.get(f.members.outsider)}`, true);
    const duesMissing = await attempt(f.staff.secretary, '', 'dues:confirm:999999', true);
    expect(duesOutside.replies).toEqual(duesMissing.replies);
    await database.db.update(duesPayments).set({ state: 'claimed' }).where(eq(duesPayments.id, claims.get(f.members.outsider)!));
  });

  it('the inflow organisation sees the members attached to it and no others', async () => {
    const seen = await database.db.transaction(async (tx) => {
      const { isAllowed } = await import('../../src/features/access/authorize.js');
      return Promise.all([f.members.zhang, f.members.chen, f.members.liu].map((m) => isAllowed(tx, f.staff.inflowLiaison, 'member.view', { kind: 'member', id: m })));
    });
    expect(seen).toEqual([true, false, false]);
    // visibleMembers (the lists) and authorize agree for the home branch's people.
    const secretaryList = (await visibleMembers(database.db, f.staff.secretary)).map((m) => m.personId);
    expect(secretaryList).not.toContain(f.members.outsider);
    expect((await visibleMembers(database.db, f.staff.inflowLiaison)).map((m) => m.personId)).toEqual([f.members.zhang]);
  });

  it('refuses an outer column named by an alias the rule uses inside (the check would hold for everyone)', () => {
    for (const taken of ['m.person_id', 'home.id', 'la.member_id', '"m".person_id']) {
      expect(() => memberIdsBy(f.staff.secretary, ['owner'], sql.raw(taken)), taken).toThrow(/alias/);
    }
    for (const free of ['c.person_id', 'p.id', 'mm.person_id']) expect(() => memberIdsBy(f.staff.secretary, ['owner'], sql.raw(free))).not.toThrow();
    expect(() => memberIdsBy(f.staff.secretary, ['owner'], 5)).not.toThrow();
  });

  it('one member asked of the rule (visibleMember) agrees with the lists, for every staff person and member', async () => {
    const everyone = [...Object.values(f.members), 999_999];
    for (const staffId of Object.values(f.staff)) {
      const listed = (await visibleMembers(database.db, staffId)).map((m) => m.personId);
      const asked: number[] = [];
      for (const memberId of everyone) if (await visibleMember(database.db, staffId, memberId)) asked.push(memberId);
      expect(asked.sort((a, b) => a - b)).toEqual([...listed].sort((a, b) => a - b));
    }
  });

  it('a member named instead of numbered: found in scope only, and then the same rule decides', async () => {
    const nameOf = async (id: number) => (await database.db.select({ name: persons.name }).from(persons).where(eq(persons.id, id)))[0]!.name;
    const byName = COMMANDS.filter((c) => c.kind !== 'org' && c.tool !== 'hr' && c.arg(1, -1).startsWith('1'));
    const table: string[] = [];
    for (const r of roles()) {
      for (const c of byName) {
        for (const inScope of [true, false]) {
          const target = inScope ? r.member : f.members.outsider;
          const arg = c.arg(target, -1).replace(new RegExp(`^${target}`), await nameOf(target));
          const { replies } = await attempt(r.actor, c.tool, arg);
          const allowed = !DENIED.includes(replies[0]!.key);
          const expected = inScope && r.may.includes(c.kind);
          table.push(`${r.role} ${c.tool} ${arg}: ${allowed === expected ? 'ok' : `WRONG got ${replies[0]!.key}`}`);
          // Someone outside scope is answered exactly like a name nobody has.
          if (!inScope && r.role !== 'member') expect(replies).toEqual((await attempt(r.actor, c.tool, arg.replace('别村党员', '无此人'))).replies.map((x) => ({ ...x, args: { name: '别村党员' } })));
        }
      }
    }
    expect(table.filter((l) => l.includes('WRONG'))).toEqual([]);
  });

  it('a confirmation or a choice is pressed by the person who asked, nobody else', async () => {
    let out: { others: string[]; own: string; home: number } | undefined;
    await database.db.transaction(async (tx: DbOrTx) => {
      const secretary = (await loadFacts(tx, f.staff.secretary, now))!;
      const [ask] = await runDeclaredCommand(tx, secretary, 'transfer', `陈志强 ${f.inflow}`, now);
      const yes = ask!.buttons![0]![0]!.payload;
      const others: string[] = [];
      for (const who of [f.staff.admin, f.staff.liaison, f.staff.helper, f.staff.inflowLiaison, f.staff.otherSecretary, f.members.zhao]) {
        const facts = (await loadFacts(tx, who, now))!;
        others.push((await pressDeclaredButton(tx, facts, yes, now))![0]!.key);
      }
      const [unmoved] = await tx.select({ home: members.homeOrgId }).from(members).where(eq(members.personId, f.members.chen));
      expect(unmoved!.home).toBe(f.branch);
      const own = (await pressDeclaredButton(tx, secretary, yes, now))![0]!.key;
      const [moved] = await tx.select({ home: members.homeOrgId }).from(members).where(eq(members.personId, f.members.chen));
      // A choice between namesakes, the same: 刘秀英 twice in the branch, the secretary's pick is theirs alone.
      const [twin] = await tx.insert(persons).values({ name: '刘秀英' }).returning({ id: persons.id });
      await tx.insert(members).values({ personId: twin!.id, homeOrgId: f.branch });
      const asker = (await loadFacts(tx, f.staff.secretary, now))!;
      const [choose] = await runDeclaredCommand(tx, asker, 'log', '刘秀英 电话', now);
      const pick = choose!.buttons![0]![0]!.payload;
      for (const who of [f.staff.admin, f.staff.liaison, f.staff.helper]) others.push((await pressDeclaredButton(tx, (await loadFacts(tx, who, now))!, pick, now))![0]!.key);
      expect((await pressDeclaredButton(tx, asker, pick, now))![0]!.key).toBe('contact-logged');
      out = { others, own, home: moved!.home };
      throw new Rollback();
    }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
    expect(out!.others).toEqual([...Array(5).fill('staff-pending-not-yours'), 'common-staff-only', ...Array(3).fill('staff-pending-not-yours')]);
    expect(out!.own).toBe('staff-transferred');
    expect(out!.home).toBe(f.inflow);
  });
});
