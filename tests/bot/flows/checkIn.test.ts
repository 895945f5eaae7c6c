import { describe, expect, it } from 'vitest';
import { checkIn, type CheckInState } from '../../../src/bot/flows/checkIn.js';
import { ctx, NONSENSE, payloads, renderAll, tap, text } from '../../support/facts.js';

describe('monthly check-in', () => {
  it('runs by four taps and saves one report', () => {
    const c = ctx();
    let r = checkIn.start(c);
    expect(r.state).toEqual({ step: 'whereabouts' });
    expect(payloads(r.replies)).toEqual(['ci:same', 'ci:moved']);
    r = checkIn.step(r.state!, tap('ci:same'), c);
    expect(payloads(r.replies)).toContain('ci:work:working');
    r = checkIn.step(r.state!, tap('ci:work:seeking'), c);
    r = checkIn.step(r.state!, tap('ci:diff:no'), c);
    r = checkIn.step(r.state!, tap('ci:study:yes'), c);
    expect(r.state).toBeNull();
    expect(r.effects).toEqual([{ kind: 'saveMonthlyReport', movedSinceLast: false, work: 'seeking', hasDifficulty: false, studied: true }]);
    expect(r.then).toEqual([]);
    expect(r.replies.map((x) => x.key)).toEqual(['checkin-thanks']);
  });

  it('goes on to the help request and then the location when the member moved and has a difficulty', () => {
    const c = ctx();
    const state: CheckInState = { step: 'studied', moved: true, work: 'working', difficulty: true };
    const r = checkIn.step(state, tap('ci:study:no'), c);
    expect(r.then).toEqual([{ flow: 'help', arg: 'from-checkin' }, { flow: 'location', arg: 'from-checkin' }]);
  });

  it('offers to change this month\'s answers instead of asking again', () => {
    const c = ctx({ monthlyReportedThisPeriod: true });
    const r = checkIn.start(c);
    expect(r.state).toEqual({ step: 'already' });
    const kept = checkIn.step(r.state!, tap('ci:keep'), c);
    expect(kept.state).toBeNull();
    expect(kept.effects ?? []).toEqual([]);
    expect(checkIn.step(r.state!, tap('ci:update'), c).state).toEqual({ step: 'whereabouts' });
  });

  const states: CheckInState[] = [
    { step: 'already' },
    { step: 'whereabouts' },
    { step: 'work', moved: false },
    { step: 'difficulty', moved: false, work: 'working' },
    { step: 'studied', moved: true, work: 'other', difficulty: false },
  ];
  for (const state of states) {
    it(`keeps the state and answers kindly on nonsense at '${state.step}'`, () => {
      for (const event of NONSENSE) {
        const r = checkIn.step(state, event, ctx());
        expect(r.state).toEqual(state);
        expect(r.effects ?? []).toEqual([]);
        expect(r.replies[0]!.key).toBe('common-pick-a-button');
        expect(payloads(r.replies).length).toBeGreaterThan(0);
        expect(renderAll(r.replies).every((s) => s.length > 0)).toBe(true);
      }
    });
  }

  it('rejects a work situation that is not one of the buttons', () => {
    const r = checkIn.step({ step: 'work', moved: false }, tap('ci:work:astronaut'), ctx());
    expect(r.state).toEqual({ step: 'work', moved: false });
  });

  it('ends quietly on timeout', () => {
    expect(checkIn.step({ step: 'work', moved: false }, { kind: 'timeout' }, ctx())).toEqual({ state: null, replies: [] });
  });
});
