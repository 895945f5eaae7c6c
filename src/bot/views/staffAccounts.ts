import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { identities, persons, staffRoles, type StaffRole } from '../../db/schema/index.js';
import type { Language } from '../../db/schema/people.js';
import type { Platform } from '../types.js';

/** The private chats of staff on a platform, with their language and roles: where a staff command menu belongs. */
export async function staffChats(db: DbOrTx, platform: Platform): Promise<{ chatId: string; language: Language; roles: StaffRole[] }[]> {
  const rows = await db
    .selectDistinct({ chatId: identities.chatId, language: persons.language, role: staffRoles.role })
    .from(identities)
    .innerJoin(staffRoles, eq(staffRoles.personId, identities.personId))
    .innerJoin(persons, eq(persons.id, identities.personId))
    .where(and(eq(identities.platform, platform), isNull(identities.unreachableSince)));
  const chats = new Map<string, { chatId: string; language: Language; roles: StaffRole[] }>();
  for (const row of rows) {
    const chat = chats.get(row.chatId) ?? { chatId: row.chatId, language: row.language, roles: [] };
    chat.roles.push(row.role as StaffRole);
    chats.set(row.chatId, chat);
  }
  return [...chats.values()].map((c) => ({ ...c, roles: c.roles.sort() }));
}
