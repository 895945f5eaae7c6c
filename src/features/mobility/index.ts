import { reply } from '../../bot/flow.js';
import { answer, type CommandSpec, type Feature, type Outcome, MANAGERS } from '../../bot/registry.js';
import { idOf, isDate, isImpossibleDate, today, wordsOf } from '../args.js';
import { issueCertificate, recordHandOver, registerDeparture, registerReturn, transferRelationship } from './mobility.js';

const usage = (tool: string): Outcome => answer([reply('staff-tool-usage', { args: { tool } })]);
/** A date written as one that the calendar does not have (2026-02-30) is named in the answer. */
const badDate = (words: string[]): Outcome | undefined => {
  const date = words.find(isImpossibleDate);
  return date === undefined ? undefined : answer([reply('staff-bad-date', { args: { date } })]);
};

const depart: CommandSpec = {
  name: 'depart', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const words = wordsOf(arg);
    const bad = badDate(words);
    if (bad) return bad;
    const [memberWord, on, destination, employer, occupation] = words;
    const memberId = idOf(memberWord);
    if (memberId === undefined || !isDate(on) || !destination) return usage('depart');
    const input = { departedOn: on, destination, ...(employer ? { employer } : {}), ...(occupation ? { occupation } : {}) };
    return answer(await registerDeparture(ctx.tx, ctx.facts.personId, memberId, input, ctx.now));
  },
};

const returnHome: CommandSpec = {
  name: 'return', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const words = wordsOf(arg);
    const [memberWord, on] = words;
    const memberId = idOf(memberWord);
    if (memberId === undefined) return usage('return');
    const bad = badDate(words);
    if (bad) return bad;
    return answer(await registerReturn(ctx.tx, ctx.facts.personId, memberId, isDate(on) ? on : today(ctx.now), ctx.now));
  },
};

/** 《流动党员活动证》: issued before leaving, handed to the inflow organisation on arrival (交接). */
const certificate: CommandSpec = {
  name: 'cert', who: 'staff', menu: true, slack: 'sub',
  run: async (ctx, arg) => {
    const words = wordsOf(arg);
    const memberId = idOf(words[0]);
    const staffId = ctx.facts.personId;
    if (memberId === undefined) return usage('cert');
    const bad = badDate(words);
    if (bad) return bad;
    if (words[1] === 'handover' || words[1] === '交接') return answer(await recordHandOver(ctx.tx, staffId, memberId, isDate(words[2]) ? words[2] : today(ctx.now), ctx.now));
    const [number, issuedOn, validUntil, inflow] = [words[1], words[2], words[3], idOf(words[4])];
    if (!number || !isDate(issuedOn) || !isDate(validUntil)) return usage('cert');
    return answer(await issueCertificate(ctx.tx, staffId, memberId, { number, issuedOn, validUntil, ...(inflow !== undefined ? { inflowOrgId: inflow } : {}) }, ctx.now));
  },
};

const transfer: CommandSpec = {
  name: 'transfer', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const [memberId, orgId] = wordsOf(arg).map(idOf);
    if (memberId === undefined || orgId === undefined) return usage('transfer');
    return answer(await transferRelationship(ctx.tx, ctx.facts.personId, memberId, orgId, ctx.now));
  },
};

/** Leaving and coming back (外出登记、返乡), the activity certificate and the transfer of the relationship. */
export const mobilityFeature: Feature = { name: 'mobility', commands: [depart, returnHome, certificate, transfer] };
