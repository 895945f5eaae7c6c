import { WORK_SITUATIONS, type WorkSituation } from '../../db/schema/reports.js';
import { button, buttonPayload, endQuietly, reply, rows, stayWith, type Flow, type FlowName, type Reply, type StepResult } from '../flow.js';

/** The monthly check-in: where, work, any difficulty, study. Four taps. */
export type CheckInState =
  | { step: 'already' }
  | { step: 'whereabouts' }
  | { step: 'work'; moved: boolean }
  | { step: 'difficulty'; moved: boolean; work: WorkSituation }
  | { step: 'studied'; moved: boolean; work: WorkSituation; difficulty: boolean };

const ask = {
  already: (): Reply =>
    reply('checkin-already-reported', { buttons: [[button('checkin-button-update', 'ci:update'), button('checkin-button-keep', 'ci:keep')]] }),
  whereabouts: (): Reply =>
    reply('checkin-ask-whereabouts', { buttons: [[button('checkin-button-same-place', 'ci:same')], [button('checkin-button-moved', 'ci:moved')]] }),
  work: (): Reply =>
    reply('checkin-ask-work', { buttons: rows(WORK_SITUATIONS.map((w) => button(`checkin-work-${w}`, `ci:work:${w}`)), 2) }),
  difficulty: (): Reply =>
    reply('checkin-ask-difficulty', { buttons: [[button('common-button-yes', 'ci:diff:yes'), button('common-button-no', 'ci:diff:no')]] }),
  studied: (): Reply =>
    reply('checkin-ask-studied', { buttons: [[button('checkin-button-studied', 'ci:study:yes'), button('checkin-button-not-studied', 'ci:study:no')]] }),
};

function question(state: CheckInState): Reply {
  return ask[state.step]();
}

export const checkIn: Flow<CheckInState> = {
  name: 'checkIn',
  prefix: 'ci',
  start(ctx) {
    if (ctx.facts.monthlyReportedThisPeriod) return { state: { step: 'already' }, replies: [ask.already()] };
    return { state: { step: 'whereabouts' }, replies: [reply('checkin-intro'), ask.whereabouts()] };
  },
  step(state, event, ctx): StepResult<CheckInState> {
    if (event.kind === 'timeout') return endQuietly();
    const payload = buttonPayload(event);
    switch (state.step) {
      case 'already':
        if (payload === 'ci:update') return { state: { step: 'whereabouts' }, replies: [ask.whereabouts()] };
        if (payload === 'ci:keep') return { state: null, replies: [reply('checkin-kept')] };
        break;
      case 'whereabouts':
        if (payload === 'ci:same' || payload === 'ci:moved') {
          return { state: { step: 'work', moved: payload === 'ci:moved' }, replies: [ask.work()] };
        }
        break;
      case 'work': {
        const work = payload?.startsWith('ci:work:') ? payload.slice('ci:work:'.length) : undefined;
        if (work && (WORK_SITUATIONS as readonly string[]).includes(work)) {
          return { state: { step: 'difficulty', moved: state.moved, work: work as WorkSituation }, replies: [ask.difficulty()] };
        }
        break;
      }
      case 'difficulty':
        if (payload === 'ci:diff:yes' || payload === 'ci:diff:no') {
          return { state: { ...state, step: 'studied', difficulty: payload === 'ci:diff:yes' }, replies: [ask.studied()] };
        }
        break;
      case 'studied':
        if (payload === 'ci:study:yes' || payload === 'ci:study:no') {
          const then: { flow: FlowName; arg?: string }[] = [];
          if (state.difficulty) then.push({ flow: 'help', arg: 'from-checkin' });
          if (state.moved) then.push({ flow: 'location', arg: 'from-checkin' });
          return {
            state: null,
            replies: [reply(ctx.facts.monthlyReportedThisPeriod ? 'checkin-updated' : 'checkin-thanks')],
            effects: [{ kind: 'saveMonthlyReport', movedSinceLast: state.moved, work: state.work, hasDifficulty: state.difficulty, studied: payload === 'ci:study:yes' }],
            then,
          };
        }
        break;
    }
    return stayWith(state, question(state));
  },
};
