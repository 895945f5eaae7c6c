import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { identities, persons, staffRoles } from '../../db/schema/index.js';
import type { Language } from '../../db/schema/people.js';
import type { Platform } from '../types.js';

/** The private chats of staff on a platform, with their language: where a staff command menu belongs. */
export async function staffChats(db: DbOrTx, platform: Platform): Promise<{ chatId: string; language: Language }[]> {
  const rows = await db
    .selectDistinct({ chatId: identities.chatId, language: persons.language })
    .from(identities)
    .innerJoin(staffRoles, eq(staffRoles.personId, identities.personId))
    .innerJoin(persons, eq(persons.id, identities.personId))
    .where(and(eq(identities.platform, platform), isNull(identities.unreachableSince)));
  return rows;
}
