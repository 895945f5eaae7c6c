import { reply } from '../../bot/flow.js';
import { monthPeriod } from '../../bot/period.js';
import { answer, type CommandSpec, type Feature, type Outcome, MANAGERS } from '../../bot/registry.js';
import { idOf, isDate, isImpossibleDate, NO_SUCH_ID, today, wordsOf } from '../args.js';
import { takesMember } from '../memberArg.js';
import { withYear, yearWord } from '../evaluation/index.js';
import { orgWordAt, takesOrg } from '../orgArg.js';
import { claimMenu, claimMonth, confirmClaim, recordPayment, setAmount } from './dues.js';
import { arrearsList, ledger } from './ledger.js';
import { isMonth, parseMonths, parseYuan } from './months.js';

const usage = (): Outcome => answer([reply('staff-tool-usage', { args: { tool: 'dues' } })]);

/**
 * `/dues <id> amount <yuan> [from YYYY-MM]` (金额) sets the monthly amount; `/dues <id> paid <months> [yuan a month]
 * [date]` (已交) records months paid, at the home branch or at the inflow organisation, whichever the person is.
 */
const dues: CommandSpec = {
  name: 'dues', who: 'staff', menu: true, roles: ['secretary', 'org_admin', 'liaison'], slack: 'sub',
  run: async (ctx, arg) => {
    const words = wordsOf(arg);
    const bad = words.find(isImpossibleDate);
    if (bad) return answer([reply('staff-bad-date', { args: { date: bad } })]);
    const memberId = idOf(words[0]);
    const verb = words[1]?.toLowerCase();
    if (memberId === undefined) return usage();
    if (verb === 'amount' || verb === '金额') {
      const fen = parseYuan(words[2]);
      const from = words[3] === 'from' || words[3] === '从' ? words[4] : words[3];
      if (fen === undefined || (from !== undefined && !isMonth(from))) return usage();
      return answer(await setAmount(ctx.tx, ctx.facts.personId, memberId, fen, from ?? monthPeriod(ctx.now, ctx.facts.timezone), ctx.now));
    }
    if (verb === 'paid' || verb === '已交') {
      const months = parseMonths(words[2]);
      const rest = words.slice(3);
      const on = rest.find(isDate) ?? today(ctx.now, ctx.facts.timezone);
      const amountWord = rest.find((w) => !isDate(w));
      const amountFen = parseYuan(amountWord);
      if (!months || (amountWord !== undefined && amountFen === undefined)) return usage();
      return answer(await recordPayment(ctx.tx, ctx.facts.personId, memberId, months, { on, ...(amountFen !== undefined ? { amountFen } : {}) }, ctx.now));
    }
    return usage();
  },
};

const arrears: CommandSpec = {
  name: 'arrears', words: ['欠缴党费'], who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => answer(await arrearsList(ctx.tx, ctx.facts, idOf(wordsOf(arg)[0]), ctx.now)),
};

const duesLedger: CommandSpec = {
  name: 'ledger', words: ['党费收缴'], who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const { words, year } = withYear(arg, ctx.facts, ctx.now);
    return answer(await ledger(ctx.tx, ctx.facts, idOf(words[0]), year, ctx.now));
  },
};

/** 我交了党费: the member says so, month by month; staff confirm. */
const paid: CommandSpec = { name: 'paiddues', words: ['我交了党费', '交了党费', '党费交了'], who: 'member', run: async (ctx) => answer(await claimMenu(ctx.tx, ctx.facts, ctx.now)) };

/** 党费 recorded where it is paid; no money moves through the bot. */
export const duesFeature: Feature = {
  name: 'dues',
  commands: [takesMember(dues), takesOrg(arrears, orgWordAt(0)), takesOrg(duesLedger, orgWordAt(0, (w) => yearWord(w) !== undefined)), paid],
  buttons: [
    { pattern: /^dues:claim:(\d{4}-\d{2})$/, who: 'member', run: (ctx, m) => (isMonth(m[1]) ? claimMonth(ctx.tx, ctx.facts, m[1], ctx.now) : Promise.resolve([reply('common-stale-button')])) },
    { pattern: /^dues:confirm:(\d+)$/, who: 'staff', run: (ctx, m) => confirmClaim(ctx.tx, ctx.facts.personId, idOf(m[1]) ?? NO_SUCH_ID, ctx.now) },
  ],
};
