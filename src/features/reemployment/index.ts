import type { EmploymentOutcome, JobOfferKind } from '../../db/schema/membership.js';
import { reply } from '../../bot/flow.js';
import { answer, type CommandSpec, type Feature, type Outcome, MANAGERS } from '../../bot/registry.js';
import { idOf, isDate, isImpossibleDate, NO_SUCH_ID, today, wordsOf } from '../args.js';
import { takesMember } from '../memberArg.js';
import { withYear, yearWord } from '../evaluation/index.js';
import { orgWordAt, takesOrg, type OrgWordPicker } from '../orgArg.js';
import { jobStatistics, postOffer, recordOutcome, recordWishes, signUp, signupMenu } from './offers.js';
import { saveOwnWish, showWish } from './wishes.js';

const usage = (tool: string): Outcome => answer([reply('staff-tool-usage', { args: { tool } })]);
const KINDS: Record<string, JobOfferKind> = { training: 'training', 培训: 'training', job: 'job', 岗位: 'job', 招聘: 'job' };
const WISH_WORDS = new Set(['意向', '就业意向', '想做', 'wish', 'wishes']);
const NO_WISH = new Set(['无', '没有', '清空', 'none']);
const MAX_WISHES = 10;
const OUTCOMES: Record<string, EmploymentOutcome> = { trained: 'trained', 培训: 'trained', 已培训: 'trained', reemployed: 'reemployed', 再就业: 'reemployed', 已就业: 'reemployed' };

/** `/offer [组织编号] 培训|岗位 | 标题 | 地点 | 开始日期 [| 结束日期] [| 职业、职业]`: fields with spaces are split by |. */
const offer: CommandSpec = {
  name: 'offer', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const [head = '', title, place, starts, ends, skills] = arg.split('|').map((s) => s.trim());
    const headWords = wordsOf(head);
    const kind = KINDS[(headWords[headWords.length - 1] ?? '').toLowerCase()];
    const orgId = headWords.length > 1 ? idOf(headWords[0]) : undefined;
    const bad = [starts, ends].find((d) => d !== undefined && isImpossibleDate(d));
    if (bad) return answer([reply('staff-bad-date', { args: { date: bad } })]);
    const endsOn = ends && isDate(ends) ? ends : undefined;
    const skillWords = (endsOn ? skills : ends ?? skills) ?? '';
    if (!kind || !title || !place || !isDate(starts)) return usage('offer');
    return answer(await postOffer(ctx.tx, ctx.facts.personId, orgId, { kind, title, place, startsOn: starts, ...(endsOn ? { endsOn } : {}), skills: skillWords.split(/[,，、\s]+/).filter(Boolean) }, ctx.now));
  },
};

/** The organisation of an offer is the first word before the kind, when there is one. */
const offerOrg: OrgWordPicker = (arg) => {
  const head = wordsOf(arg.split('|')[0] ?? '');
  return head.length > 1 ? { token: head[0]!, word: head[0]! } : undefined;
};

const outcome: CommandSpec = {
  name: 'employment', who: 'staff', menu: true, slack: 'sub',
  run: async (ctx, arg) => {
    const [memberWord, outcomeWord, on, ...more] = wordsOf(arg);
    const memberId = idOf(memberWord);
    if (memberId !== undefined && outcomeWord === undefined) return answer(await showWish(ctx.tx, ctx.facts, memberId, ctx.now));
    if (memberId !== undefined && WISH_WORDS.has((outcomeWord ?? '').toLowerCase())) {
      const wishes = [...new Set([on, ...more].join(' ').split(/[,，、\s]+/).filter((w) => w && !NO_WISH.has(w.toLowerCase())))];
      if (!on || wishes.length > MAX_WISHES || wishes.some((w) => w.length > 20)) return usage('employment');
      return answer(await recordWishes(ctx.tx, ctx.facts.personId, memberId, wishes, ctx.now));
    }
    const what = OUTCOMES[(outcomeWord ?? '').toLowerCase()];
    if (on && isImpossibleDate(on)) return answer([reply('staff-bad-date', { args: { date: on } })]);
    if (memberId === undefined || !what) return usage('employment');
    return answer(await recordOutcome(ctx.tx, ctx.facts.personId, memberId, what, isDate(on) ? on : today(ctx.now, ctx.facts.timezone), ctx.now));
  },
};

const stats: CommandSpec = {
  name: 'jobstats', words: ['再就业统计'], who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const { words, year } = withYear(arg, ctx.facts, ctx.now);
    return answer(await jobStatistics(ctx.tx, ctx.facts, idOf(words[0]), year, ctx.now));
  },
};

/** 就业意向 in the member's own words: three short questions (the jobWish flow). */
const wish: CommandSpec = { name: 'jobwish', words: ['就业意向', '我想找工作', '找工作'], who: 'member', run: () => ({ kind: 'flow', flow: 'jobWish' }) };

const signup: CommandSpec = { name: 'signup', words: ['我想报名', '报名'], who: 'member', run: async (ctx) => answer(await signupMenu(ctx.tx, ctx.facts, ctx.now)) };

/** Re-employment channels and training for laid-off members (下岗失业党员). */
export const reemploymentFeature: Feature = {
  name: 'reemployment',
  commands: [takesOrg(offer, offerOrg), takesMember(outcome), takesOrg(stats, orgWordAt(0, (w) => yearWord(w) !== undefined)), signup, wish],
  buttons: [{ pattern: /^job:signup:(\d+)$/, who: 'member', run: (ctx, m) => signUp(ctx.tx, ctx.facts, idOf(m[1]) ?? NO_SUCH_ID, ctx.now) }],
  effects: { saveJobWish: (ctx, e) => saveOwnWish(ctx.tx, ctx.facts, { work: e.work, place: e.place, training: e.training }, ctx.now) },
};
