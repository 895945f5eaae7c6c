import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../src/db/client.js';
import { staffRoles } from '../../../src/db/schema/index.js';
import { createInviteCode } from '../../../src/bot/invites.js';
import { staffMenuChanged } from '../../../src/bot/menus.js';
import { menuCommands } from '../../../src/bot/registry.js';
import { declaredCommands } from '../../support/commands.js';
import { updates, type TestUser } from '../../support/fakeTelegram.js';
import { startTelegramTest, type TelegramTest } from './setup.js';

const secretary: TestUser = { id: 610_000_020, first_name: '王书记', language_code: 'zh-hans' };
const liaison: TestUser = { id: 610_000_021, first_name: '李联络员', language_code: 'zh-hans' };

/** Telegram's per-chat staff menu: the tools of the person's roles, shown anew when a role is granted or revoked. */
describe('telegram staff menu by role', () => {
  let t: TelegramTest;
  const menuIn = (user: TestUser) => {
    const call = t.fake.callsOf('setMyCommands').filter((c) => (c.params.scope as { chat_id?: unknown }).chat_id === user.id || String((c.params.scope as { chat_id?: unknown }).chat_id) === String(user.id)).at(-1);
    return call ? (call.params.commands as { command: string; description: string }[]) : undefined;
  };
  const staffTools = declaredCommands.filter((c) => c.who === 'staff').map((c) => c.name);
  /** Changes the roles in one transaction, as a grant or a revoke does, and lets the outbox carry out the menu. */
  async function changeRoles(user: TestUser, change: (tx: DbOrTx, personId: number) => Promise<unknown>) {
    const personId = t.tb.person(user.first_name).personId;
    await t.tb.database.db.transaction(async (tx) => {
      await change(tx, personId);
      await staffMenuChanged(tx, personId, t.tb.clock.now());
    });
    t.tb.bot.core.kick();
    await t.tb.bot.sender.drain(['telegram']);
  }

  beforeAll(async () => {
    t = await startTelegramTest();
    for (const user of [secretary, liaison]) {
      const { code } = await createInviteCode(t.tb.database.db, t.tb.person(user.first_name).personId, null, t.tb.clock.now(), 14);
      await t.deliver(updates.text(user, `/start ${code}`));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every staff tool in the registry menu for a secretary, and only the tools a liaison can use for a liaison', async () => {
    await changeRoles(secretary, async () => {});
    await changeRoles(liaison, async () => {});
    const secretaryMenu = menuIn(secretary)!.map((c) => c.command);
    expect(secretaryMenu).toEqual(menuCommands(declaredCommands, 'staff', ['secretary']).map((c) => c.name));
    // Every staff tool that is meant for a menu is there: nothing is left to be found by chance.
    expect(secretaryMenu).toEqual(expect.arrayContaining(declaredCommands.filter((c) => c.who === 'staff' && c.menu).map((c) => c.name)));
    expect(secretaryMenu).toEqual(expect.arrayContaining(['caseload', 'log', 'hr', 'broadcast', 'assign', 'depart', 'stats']));
    const liaisonMenu = menuIn(liaison)!.map((c) => c.command);
    expect(liaisonMenu).toEqual(expect.arrayContaining(['caseload', 'log', 'hr', 'members']));
    expect(liaisonMenu).not.toEqual(expect.arrayContaining(['broadcast']));
    expect(liaisonMenu.filter((c) => ['broadcast', 'assign', 'depart', 'stats', 'transfer'].includes(c))).toEqual([]);
    // Descriptions come from the catalogue, never a bare command name.
    for (const c of menuIn(liaison)!) expect(c.description).not.toBe(c.command);
  });

  it('shows the secretary’s tools to a liaison granted the secretary role', async () => {
    const branch = (await t.tb.database.db.select().from(staffRoles).where(eq(staffRoles.personId, t.tb.person('王书记').personId)))[0]!.orgId;
    await changeRoles(liaison, (tx, personId) => tx.insert(staffRoles).values({ personId, role: 'secretary', orgId: branch, grantedAt: t.tb.clock.now() }));
    expect(menuIn(liaison)!.map((c) => c.command)).toEqual(expect.arrayContaining(['broadcast', 'assign', 'depart', 'caseload']));
  });

  it('takes the staff tools away when every role is revoked: the member menu again', async () => {
    await changeRoles(liaison, (tx, personId) => tx.delete(staffRoles).where(eq(staffRoles.personId, personId)));
    const menu = menuIn(liaison)!.map((c) => c.command);
    expect(menu).toEqual(menuCommands(declaredCommands, 'member').map((c) => c.name));
    expect(menu.filter((c) => staffTools.includes(c))).toEqual([]);
  });

  it('tries a refused menu again later rather than losing it', async () => {
    t.fake.failNext({ kind: 'server', status: 502 }, { methods: ['setMyCommands'] });
    const calls = t.fake.callsOf('setMyCommands').length;
    await changeRoles(secretary, async () => {});
    expect(t.fake.callsOf('setMyCommands').length).toBe(calls + 1);
    t.tb.clock.advance(60_000);
    await t.tb.bot.sender.drain(['telegram']);
    expect(t.fake.callsOf('setMyCommands').length).toBe(calls + 2);
    expect(menuIn(secretary)!.map((c) => c.command)).toEqual(expect.arrayContaining(['broadcast']));
  });
});
