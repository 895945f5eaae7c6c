import type { Config } from '../../config.js';
import { reply } from '../../bot/flow.js';
import { answer, type CommandSpec, type Feature, type Outcome, MANAGERS } from '../../bot/registry.js';
import { idOf, isDate, isImpossibleDate, wordsOf } from '../args.js';
import { addHoliday, answerHoliday, homecomingList, visitList } from './answers.js';
import { askHome, confirmHome } from './home.js';
import { recordMakeUpSession } from './makeUp.js';
import { holidayList, holidayOn, removeHoliday } from './holidays.js';
import { orgWordAt, takesOrg } from '../orgArg.js';

const usage = (tool: string): Outcome => answer([reply('staff-tool-usage', { args: { tool } })]);
const REMOVE_WORDS = new Set(['删除', '取消', 'remove', 'delete']);

/**
 * Coming home (登门走访, 补课): the holiday question's answers, 我回来了, the liaison's home-visit task, the secretary's
 * lists of open visits and of who is home when, and the make-up session's attendance.
 */
export function homecomingFeature(config: Pick<Config, 'HOME_VISIT_DUE_DAYS' | 'SPRING_FESTIVAL_DATE'>): Feature {
  const dueDays = config.HOME_VISIT_DUE_DAYS;
  // 我回来了 only asks; the member's tap on “是的” changes anything (home:yes:<the day it was said>).
  const home: CommandSpec = { name: 'home', words: ['我回来了', '回来了', '到家了'], who: 'member', run: async (ctx) => answer(await askHome(ctx.tx, ctx.facts, ctx.now)) };
  const visits: CommandSpec = {
    name: 'visits', words: ['走访任务'], who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
    run: async (ctx, arg) => answer(await visitList(ctx.tx, ctx.facts, idOf(wordsOf(arg)[0]), ctx.now)),
  };
  const homecoming: CommandSpec = {
    name: 'homecoming', words: ['返乡名单'], who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
    run: async (ctx, arg) => answer(await homecomingList(ctx.tx, ctx.facts, idOf(wordsOf(arg)[0]), ctx.now)),
  };
  const makeUp: CommandSpec = {
    name: 'makeup', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
    run: async (ctx, arg) => {
      const [on, ...rest] = wordsOf(arg);
      if (isImpossibleDate(on ?? '')) return answer([reply('staff-bad-date', { args: { date: on! } })]);
      const ids = rest.map(idOf);
      if (!isDate(on) || ids.length === 0 || ids.some((id) => id === undefined)) return usage('makeup');
      return answer(await recordMakeUpSession(ctx.tx, ctx.facts, on, ids as number[], ctx.now));
    },
  };
  const holiday: CommandSpec = {
    name: 'holiday', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
    run: async (ctx, arg) => {
      const [on, name, org] = wordsOf(arg);
      // Alone (or with an organisation only): the holidays members are asked about.
      if (on === undefined || (name === undefined && idOf(on) !== undefined)) return answer(await holidayList(ctx.tx, ctx.facts, idOf(on), config.SPRING_FESTIVAL_DATE, ctx.now));
      if (isImpossibleDate(on ?? '')) return answer([reply('staff-bad-date', { args: { date: on! } })]);
      if (isDate(on) && name !== undefined && REMOVE_WORDS.has(name.toLowerCase())) {
        const id = await holidayOn(ctx.tx, ctx.facts.personId, on, idOf(org));
        return answer(id === undefined ? [reply('holiday-none-on', { args: { date: on } })] : await removeHoliday(ctx.tx, ctx.facts, id, ctx.now));
      }
      if (!isDate(on) || !name) return usage('holiday');
      return answer(await addHoliday(ctx.tx, ctx.facts, on, name, idOf(org), ctx.now));
    },
  };
  return {
    name: 'homecoming',
    commands: [home, takesOrg(visits, orgWordAt(0)), takesOrg(homecoming, orgWordAt(0)), makeUp, takesOrg(holiday, orgWordAt(2))],
    buttons: [{
      pattern: /^home:yes:(\d{4}-\d{2}-\d{2})$/,
      who: 'member',
      run: (ctx, m) => (isDate(m[1]) ? confirmHome(ctx.tx, ctx.facts, m[1], ctx.now, dueDays) : Promise.resolve([reply('common-stale-button')])),
    }, {
      pattern: /^home:no$/, who: 'member', run: () => Promise.resolve([reply('homecoming-not-changed')]),
    }, {
      // Under the holiday question: `hq:<holiday>:<arrival day>` or `hq:<holiday>:away`.
      pattern: /^hq:(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2}|away)$/,
      who: 'member',
      run: (ctx, m) => (isDate(m[1]) && (m[2] === 'away' || isDate(m[2])) ? answerHoliday(ctx.tx, ctx.facts, m[1], m[2]!, ctx.now, dueDays) : Promise.resolve([reply('common-stale-button')])),
    }],
  };
}
