import type { Config } from '../../config.js';
import { answer, type CommandSpec, type Feature, type Outcome, MANAGERS } from '../../bot/registry.js';
import { idOf, isDate, isImpossibleDate, problem, today, wordsOf } from '../args.js';
import { takesMember } from '../memberArg.js';
import { issueCertificate, recordHandOver, registerDeparture, registerReturn } from './mobility.js';
import { transfer } from './transfer.js';

/** A date written as one that the calendar does not have (2026-13-01) is named in the answer. */
const badDate = (tool: string, words: string[]): Outcome | undefined => {
  const date = words.find(isImpossibleDate);
  return date === undefined ? undefined : problem(tool, 'staff-bad-date', { date });
};

const depart: CommandSpec = {
  name: 'depart', words: ['外出登记'], who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const words = wordsOf(arg);
    const [memberWord, on, destination, employer, occupation] = words;
    const memberId = idOf(memberWord);
    if (memberId === undefined) return problem('depart', 'staff-missing-member');
    const bad = badDate('depart', words);
    if (bad) return bad;
    if (!isDate(on)) return problem('depart', on ? 'staff-not-a-date' : 'staff-missing-date', { word: on ?? '' });
    if (!destination) return problem('depart', 'staff-missing-destination');
    const input = { departedOn: on, destination, ...(employer ? { employer } : {}), ...(occupation ? { occupation } : {}) };
    return answer(await registerDeparture(ctx.tx, ctx.facts.personId, memberId, input, ctx.now));
  },
};

const returnHome = (homeVisitDueDays: number): CommandSpec => ({
  name: 'return', words: ['返乡登记'], who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const words = wordsOf(arg);
    const [memberWord, on] = words;
    const memberId = idOf(memberWord);
    if (memberId === undefined) return problem('return', 'staff-missing-member');
    const bad = badDate('return', words);
    if (bad) return bad;
    if (on !== undefined && !isDate(on)) return problem('return', 'staff-not-a-date', { word: on });
    return answer(await registerReturn(ctx.tx, ctx.facts.personId, memberId, on ?? today(ctx.now, ctx.facts.timezone), ctx.now, { homeVisitDueDays }));
  },
});

/** 《流动党员活动证》: issued before leaving, handed to the inflow organisation on arrival (交接). */
const certificate: CommandSpec = {
  name: 'cert', words: ['活动证'], who: 'staff', menu: true, slack: 'sub',
  run: async (ctx, arg) => {
    const words = wordsOf(arg);
    const memberId = idOf(words[0]);
    const staffId = ctx.facts.personId;
    if (memberId === undefined) return problem('cert', 'staff-missing-member');
    const bad = badDate('cert', words);
    if (bad) return bad;
    if (words[1] === 'handover' || words[1] === '交接') {
      if (words[2] !== undefined && !isDate(words[2])) return problem('cert', 'staff-not-a-date', { word: words[2] });
      return answer(await recordHandOver(ctx.tx, staffId, memberId, words[2] ?? today(ctx.now, ctx.facts.timezone), ctx.now));
    }
    const [number, issuedOn, validUntil, inflow] = [words[1], words[2], words[3], idOf(words[4])];
    if (!number) return problem('cert', 'staff-missing-cert-number');
    if (!isDate(issuedOn) || !isDate(validUntil)) return problem('cert', 'staff-missing-date', { word: '' });
    return answer(await issueCertificate(ctx.tx, staffId, memberId, { number, issuedOn, validUntil, ...(inflow !== undefined ? { inflowOrgId: inflow } : {}) }, ctx.now));
  },
};

/** Leaving and coming back (外出登记、返乡), the activity certificate and the transfer of the relationship. */
export function mobilityFeature(config: Pick<Config, 'HOME_VISIT_DUE_DAYS'>): Feature {
  return { name: 'mobility', commands: [depart, returnHome(config.HOME_VISIT_DUE_DAYS), certificate, transfer].map(takesMember) };
}
