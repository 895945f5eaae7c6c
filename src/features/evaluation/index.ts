import { reply, type PersonFacts } from '../../bot/flow.js';
import { localDate } from '../../bot/period.js';
import { answer, type CommandSpec, type Feature, type Outcome, MANAGERS } from '../../bot/registry.js';
import { managedOrgs } from '../access/authorize.js';
import { idOf, isDate, isImpossibleDate, NO_SUCH_ID, wordsOf } from '../args.js';
import { staffTextArg } from '../../bot/flows/staffText.js';
import type { BroadcastsConfig } from '../broadcasts/index.js';
import { recordActivity } from './activities.js';
import { recognitionList } from './recognitionList.js';
import { orgWordAt, takesOrg } from '../orgArg.js';
import { takesMember } from '../memberArg.js';
import { recordOpinion, recordResult, RESULT_WORDS, setEvaluationMonth, type ResultPacing } from './evaluation.js';
import { announceRecognition, mayRevoke, recogniseMember, revokeRecognition } from './recognition.js';
import { missingList, yearSummary } from './views.js';

const usage = (tool: string): Outcome => answer([reply('staff-tool-usage', { args: { tool } })]);

/** A year is written `2026年` (or `year=2026`): a bare number is an id. */
export function yearWord(word: string | undefined): number | undefined {
  const m = word === undefined ? null : /^(?:(\d{4})年|year=(\d{4}))$/i.exec(word);
  return m ? Number(m[1] ?? m[2]) : undefined;
}

const isYear = (word: string) => yearWord(word) !== undefined;

/** The words, with a year word taken out wherever it stands, and the year (this year in the person's time zone). */
export function withYear(arg: string, facts: PersonFacts, now: Date): { words: string[]; year: number } {
  const all = wordsOf(arg);
  const given = all.map(yearWord).find((y) => y !== undefined);
  return { words: all.filter((w) => yearWord(w) === undefined), year: given ?? localDate(now, facts.timezone).year };
}

/** The member's own start: typed 自评, or the button in the yearly prompt. */
const selfEvaluate: CommandSpec = { name: 'selfeval', words: ['自评', '民主评议自评'], who: 'member', run: () => ({ kind: 'flow', flow: 'selfEvaluation' }) };

const opinion: CommandSpec = {
  name: 'opinion', words: ['评议意见'], who: 'staff', menu: true, roles: ['secretary', 'org_admin', 'liaison'], slack: 'sub',
  run: async (ctx, arg) => {
    const { words, year } = withYear(arg, ctx.facts, ctx.now);
    const memberId = idOf(words[0]);
    const text = words.slice(1).join(' ');
    if (memberId === undefined || !text) return usage('opinion');
    return answer(await recordOpinion(ctx.tx, ctx.facts.personId, memberId, year, text, ctx.now));
  },
};

const result = (pacing: ResultPacing): CommandSpec => ({
  name: 'evalresult', words: ['评议结果'], who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const { words, year } = withYear(arg, ctx.facts, ctx.now);
    const memberId = idOf(words[0]);
    const outcome = RESULT_WORDS[(words[1] ?? '').toLowerCase()];
    const reason = words.slice(2).join(' ');
    if (memberId === undefined || !outcome || !reason) return usage('evalresult');
    return answer(await recordResult(ctx.tx, ctx.facts.personId, memberId, year, outcome, reason, ctx.now, pacing));
  },
});

const summary: CommandSpec = {
  name: 'yearsummary', words: ['年度小结'], who: 'staff', menu: true, slack: 'sub',
  run: async (ctx, arg) => {
    const { words, year } = withYear(arg, ctx.facts, ctx.now);
    const memberId = idOf(words[0]);
    if (memberId === undefined) return usage('yearsummary');
    return answer(await yearSummary(ctx.tx, ctx.facts, memberId, year, ctx.now));
  },
};

/** 民主评议 typed alone is the secretary's list. */
const list: CommandSpec = {
  name: 'evaluations', words: ['民主评议'], who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const { words, year } = withYear(arg, ctx.facts, ctx.now);
    return answer(await missingList(ctx.tx, ctx.facts, year, idOf(words[0]), ctx.now));
  },
};

const month: CommandSpec = {
  name: 'evalmonth', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const words = wordsOf(arg);
    const m = Number(words[0]);
    const orgId = idOf(words[1]);
    if (!Number.isInteger(m) || m < 1 || m > 12) return usage('evalmonth');
    const target = orgId ?? (await managedOrgs(ctx.tx, ctx.facts.personId))[0]?.id;
    if (target === undefined) return answer([reply('staff-org-out-of-scope')]);
    return answer(await setEvaluationMonth(ctx.tx, ctx.facts.personId, target, m, ctx.now));
  },
};

const example: CommandSpec = {
  name: 'example', words: ['先进'], who: 'staff', menu: true, roles: ['secretary', 'org_admin', 'liaison'], slack: 'sub',
  run: async (ctx, arg) => {
    const { words, year } = withYear(arg, ctx.facts, ctx.now);
    const memberId = idOf(words[0]);
    const reason = words.slice(1).join(' ');
    if (memberId === undefined || !reason) return usage('example');
    return answer(await recogniseMember(ctx.tx, ctx.facts.personId, memberId, year, reason, ctx.now));
  },
};

/** `/examples [组织] [2026年]` (先进名单): the year's 先进, with buttons to revoke (asking why) and to announce. */
const examples: CommandSpec = {
  name: 'examples', words: ['先进名单'], who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const { words, year } = withYear(arg, ctx.facts, ctx.now);
    return answer(await recognitionList(ctx.tx, ctx.facts.personId, ctx.facts.language, idOf(words[0]), year, ctx.now));
  },
};

/** `/activity 姓名 日期 内容` (活动证): the inflow organisation records an activity the member attended. */
const activity: CommandSpec = {
  name: 'activity', words: ['活动证'], who: 'staff', menu: true, roles: ['secretary', 'liaison'], slack: 'sub',
  run: async (ctx, arg) => {
    const [memberWord, on, ...what] = wordsOf(arg);
    const memberId = idOf(memberWord);
    if (on && isImpossibleDate(on)) return answer([reply('staff-bad-date', { args: { date: on } })]);
    if (memberId === undefined || !isDate(on) || what.length === 0) return usage('activity');
    return answer(await recordActivity(ctx.tx, ctx.facts.personId, memberId, on, what.join(' '), ctx.now));
  },
};

/**
 * 民主评议, 一年一评: the member's self-evaluation, both organisations' opinions, the branch's result, the year summary.
 * The result reaches the member like every prompt: in their branch's prompt hours and inside its weekly cap.
 */
export function evaluationFeature(config: ResultPacing & Pick<BroadcastsConfig, 'DEFAULT_TIMEZONE'>): Feature {
  const notice = { defaults: config, timezone: config.DEFAULT_TIMEZONE };
  return {
    name: 'evaluation',
    commands: [selfEvaluate, ...[opinion, result(config), summary, example, activity].map(takesMember), takesOrg(list, orgWordAt(0, isYear)), takesOrg(month, orgWordAt(1)), takesOrg(examples, orgWordAt(0, isYear))],
    buttons: [
      { pattern: /^example:announce:(\d+)$/, who: 'staff', run: (ctx, m) => announceRecognition(ctx.tx, ctx.facts.personId, idOf(m[1]) ?? NO_SUCH_ID, ctx.now, notice) },
      {
        pattern: /^example:revoke:(\d+)$/, who: 'staff',
        run: async (ctx, m) => {
          const id = idOf(m[1]) ?? NO_SUCH_ID;
          return (await mayRevoke(ctx.tx, ctx.facts.personId, id, ctx.now)) ? { kind: 'flow', flow: 'staffText', arg: staffTextArg('recognitionRevoke', id) } : [reply('staff-member-not-found')];
        },
      },
    ],
    effects: { recognitionRevoke: (ctx, e) => revokeRecognition(ctx.tx, ctx.facts.personId, e.targetId, e.text, ctx.now) },
  };
}
