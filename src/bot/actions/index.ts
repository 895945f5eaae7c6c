import type { DbOrTx } from '../../db/client.js';
import { answerResolvedRequest } from '../effects.js';
import { markStudied } from '../../schedules/study.js';
import type { PersonFacts, Reply } from '../flow.js';
import { logContactAction } from './logContact.js';
import { resolveRequest, takeRequest } from '../commands/helpdesk.js';
import { NO_SUCH_ID, parseId } from '../ids.js';

/**
 * Buttons that stand on their own, outside any conversation: a reminder's "done", a resolved request's
 * "solved / not solved", a liaison's "log a call". Their payload carries what they act on, so they work
 * whenever they are pressed, and say so kindly when they no longer apply.
 */
export interface ButtonAction {
  pattern: RegExp;
  run(db: DbOrTx, facts: PersonFacts, match: RegExpExecArray, now: Date): Promise<Reply[]>;
}

export const buttonActions: ButtonAction[] = [
  {
    pattern: /^hr:(confirm|reopen):(\d+)$/,
    run: (db, facts, m, now) => answerResolvedRequest(db, facts.personId, parseId(m[2]) ?? NO_SUCH_ID, m[1] === 'confirm', now),
  },
  logContactAction,
  {
    pattern: /^hr:(take|resolve):(\d+)$/,
    run: (db, facts, m, now) => (m[1] === 'take' ? takeRequest : resolveRequest)(db, facts.personId, parseId(m[2]) ?? NO_SUCH_ID, now),
  },
  {
    pattern: /^study:done:(\d+)$/,
    run: (db, facts, m, now) => markStudied(db, facts, parseId(m[1]) ?? NO_SUCH_ID, now),
  },
];

export function findButtonAction(payload: string): { action: ButtonAction; match: RegExpExecArray } | undefined {
  for (const action of buttonActions) {
    const match = action.pattern.exec(payload);
    if (match) return { action, match };
  }
  return undefined;
}
