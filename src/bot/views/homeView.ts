import type { DbOrTx } from '../../db/client.js';
import type { Platform } from '../types.js';
import { homeFor, personOfAccount, type Caseload, type CaseloadEntry, type HomeData, type HomeOptions } from './home.js';

/** A caseload line with the payloads of its buttons, so an adapter needs no core module to build them. */
export interface HomeCaseloadEntry extends CaseloadEntry {
  logCallPayload: string;
  logVisitPayload: string;
}

/** What a home screen shows, platform-neutral: the read models of `homeFor`, with button payloads filled in. */
export interface HomeView extends Omit<HomeData, 'caseload'> {
  caseload: (Omit<Caseload, 'entries'> & { entries: HomeCaseloadEntry[] }) | undefined;
}

/**
 * The home view of a platform account; undefined when the account is not linked to a person yet. Adapters
 * get it through the Core (`homeView`), never by reading tables themselves.
 */
export interface HomeViewOptions extends HomeOptions {
  /** The payload of a caseload line's "log a call/visit" button: the caseload feature's, handed in by main. */
  contactPayload(kind: 'call' | 'visit', memberId: number): string;
}

export async function homeViewOf(db: DbOrTx, platform: Platform, externalUserId: string, now: Date, opts: HomeViewOptions): Promise<HomeView | undefined> {
  const personId = await personOfAccount(db, platform, externalUserId);
  const home = personId === undefined ? undefined : await homeFor(db, personId, now, opts);
  if (!home) return undefined;
  const caseload = home.caseload && {
    ...home.caseload,
    entries: home.caseload.entries.map((e) => ({ ...e, logCallPayload: opts.contactPayload('call', e.personId), logVisitPayload: opts.contactPayload('visit', e.personId) })),
  };
  return { ...home, caseload };
}
