import { and, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../../src/db/client.js';
import { auditLog } from '../../src/db/schema/index.js';
import { loadFacts } from '../../src/bot/facts.js';
import type { Reply } from '../../src/bot/flow.js';
import { declaredCommands, runDeclaredCommand } from '../support/commands.js';
import { menuCommands } from '../../src/bot/registry.js';
import { visibleMembers } from '../../src/features/access/scope.js';
import { openTestDatabase } from '../support/db.js';
import { seedScopes } from './fixture.js';

const now = new Date('2026-11-10T06:00:00Z');
let database: Database;
let f: Awaited<ReturnType<typeof seedScopes>>;

beforeAll(async () => {
  database = await openTestDatabase();
  f = await database.db.transaction((tx) => seedScopes(tx, now));
});
afterAll(() => database.close());

const DENIED = ['staff-member-not-found', 'staff-help-not-found', 'staff-org-out-of-scope', 'common-staff-only'];
class Rollback extends Error {}

/** Runs one command in a transaction that is rolled back, so every cell of the matrix starts from the same data. */
async function attempt(actor: number, tool: string, arg: string): Promise<{ replies: Reply[]; audits: { allowed: unknown; action: string }[] }> {
  let out: { replies: Reply[]; audits: { allowed: unknown; action: string }[] } | undefined;
  await database.db.transaction(async (tx: DbOrTx) => {
    const [last] = await tx.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id).limit(1);
    const facts = (await loadFacts(tx, actor, now))!;
    const replies = await runDeclaredCommand(tx, facts, tool, arg, now);
    const audits = await tx.select().from(auditLog).where(and(eq(auditLog.actorId, actor), gt(auditLog.id, last?.id ?? 0)));
    out = { replies, audits: audits.map((a) => ({ action: a.action, allowed: (a.details as { allowed?: unknown }).allowed })) };
    throw new Rollback();
  }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
  return out!;
}

type Kind = 'contact' | 'manage' | 'org';
/** Member commands take the member id; org commands an organisation id. */
const COMMANDS: { tool: string; kind: Kind; arg: (target: number, request: number) => string }[] = [
  { tool: 'log', kind: 'contact', arg: (m) => `${m} visit 在家` },
  { tool: 'hr', kind: 'contact', arg: (_m, r) => `${r} take` },
  { tool: 'hr', kind: 'contact', arg: (_m, r) => `${r} note 已联系老板` },
  { tool: 'hr', kind: 'contact', arg: (_m, r) => `${r} resolve` },
  { tool: 'cert', kind: 'contact', arg: (m) => `${m} handover 2026-11-01` },
  { tool: 'assign', kind: 'manage', arg: (m) => `${m} liaison ${f.staff.liaison}` },
  { tool: 'depart', kind: 'manage', arg: (m) => `${m} 2026-11-01 广东省深圳市 某厂 普工` },
  { tool: 'return', kind: 'manage', arg: (m) => `${m} 2026-11-09` },
  { tool: 'cert', kind: 'manage', arg: (m) => `${m} LD-${m} 2026-11-01 2027-04-30` },
  { tool: 'attach', kind: 'manage', arg: (m) => `${m} ${f.inflow}` },
  { tool: 'transfer', kind: 'manage', arg: (m) => `${m} ${f.branch}` },
  { tool: 'stats', kind: 'org', arg: (o) => `${o}` },
  { tool: 'audience', kind: 'org', arg: (o) => `流动 org=${o}` },
];

/** role → the member in its scope, the org in its scope, what it may do. */
function roles() {
  return [
    { role: 'org_admin', actor: f.staff.admin, member: f.members.chen, org: f.county, may: ['contact', 'manage', 'org'] as Kind[] },
    { role: 'secretary', actor: f.staff.secretary, member: f.members.chen, org: f.branch, may: ['contact', 'manage', 'org'] as Kind[] },
    { role: 'liaison', actor: f.staff.liaison, member: f.members.chen, org: f.branch, may: ['contact'] as Kind[] },
    { role: 'helper', actor: f.staff.helper, member: f.members.liu, org: f.branch, may: ['contact'] as Kind[] },
    { role: 'inflow liaison', actor: f.staff.inflowLiaison, member: f.members.zhang, org: f.inflow, may: ['contact'] as Kind[] },
    { role: 'member', actor: f.members.zhao, member: f.members.chen, org: f.branch, may: [] as Kind[] },
  ];
}

describe('permission matrix: role × in scope / out of scope × command', () => {
  it('allows exactly what each role may do in scope, nothing out of scope, and audits staff attempts', async () => {
    const table: string[] = [];
    for (const r of roles()) {
      for (const c of COMMANDS) {
        for (const inScope of [true, false]) {
          const target = c.kind === 'org' ? (inScope ? r.org : f.otherCounty) : inScope ? r.member : f.members.outsider;
          const request = f.requests.get(target) ?? -1;
          const { replies, audits } = await attempt(r.actor, c.tool, c.arg(target, request));
          const allowed = !DENIED.includes(replies[0]!.key);
          const expected = inScope && r.may.includes(c.kind);
          table.push(`${r.role} ${c.tool}(${c.kind}) ${inScope ? 'in' : 'out'}: ${allowed === expected ? 'ok' : `WRONG got ${replies[0]!.key}`}`);
          if (r.role !== 'member') {
            expect(audits.length, `${r.role} ${c.tool} audited`).toBeGreaterThan(0);
            expect(audits.some((a) => a.allowed === allowed), `${r.role} ${c.tool} audit says ${allowed}`).toBe(true);
          }
        }
      }
    }
    expect(table.filter((l) => l.includes('WRONG'))).toEqual([]);
    expect(table.length).toBe(6 * COMMANDS.length * 2);
  });

  it('offers in each role’s menu exactly the tools of the matrix that role may use', () => {
    const staffRole = { org_admin: 'org_admin', secretary: 'secretary', liaison: 'liaison', helper: 'helper', 'inflow liaison': 'liaison' } as const;
    const wrong: string[] = [];
    for (const r of roles()) {
      if (r.role === 'member') continue;
      const menu = menuCommands(declaredCommands, 'staff', [staffRole[r.role as keyof typeof staffRole]]).map((c) => c.name);
      for (const tool of new Set(COMMANDS.map((c) => c.tool))) {
        const usable = COMMANDS.some((c) => c.tool === tool && r.may.includes(c.kind));
        if (usable !== menu.includes(tool)) wrong.push(`${r.role} ${tool}: menu ${menu.includes(tool)}, may ${usable}`);
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
});
