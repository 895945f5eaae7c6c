import { describe, expect, it } from 'vitest';
import { jobWish, MAX_WISH_WORDS, wishWords } from '../../../src/bot/flows/jobWish.js';
import { ctx, renderAll, tap, text } from '../../support/facts.js';

describe('a laid-off member’s own 就业意向', () => {
  it('asks work, place and training, typed or tapped, and saves only at the end', () => {
    const c = ctx();
    let r = jobWish.start(c);
    expect(renderAll(r.replies).join()).toContain('想做什么工作');
    r = jobWish.step(r.state!, text('电工、保安 电工'), c);
    expect(r.state).toEqual({ step: 'place', work: ['电工', '保安'] });
    expect(r.effects).toBeUndefined();
    expect(r.replies[0]!.buttons!.flat().map((b) => b.payload)).toEqual(['jw:place:local', 'jw:place:away', 'jw:place:any', 'cancel']);
    r = jobWish.step(r.state!, tap('jw:place:local'), c);
    expect(r.state).toEqual({ step: 'training', work: ['电工', '保安'], place: 'local' });
    r = jobWish.step(r.state!, text('焊工'), c);
    expect(r.state).toBeNull();
    expect(r.effects).toEqual([{ kind: 'saveJobWish', work: ['电工', '保安'], place: 'local', training: ['焊工'] }]);
  });

  it('buttons alone are enough: any work, a typed place, no training', () => {
    const c = ctx();
    let r = jobWish.step({ step: 'work' }, tap('jw:work:any'), c);
    expect(r.state).toEqual({ step: 'place', work: [] });
    r = jobWish.step(r.state!, text('县城'), c);
    r = jobWish.step(r.state!, tap('jw:training:none'), c);
    expect(r.effects).toEqual([{ kind: 'saveJobWish', work: [], place: '县城', training: [] }]);
  });

  it('keeps its place on a stray tap, refuses too many words or a long place, and ends quietly on timeout', () => {
    const stray = jobWish.step({ step: 'place', work: ['电工'] }, tap('jw:work:any'), ctx());
    expect(stray.state).toEqual({ step: 'place', work: ['电工'] });
    expect(stray.replies[0]!.key).toBe('common-pick-a-button');
    const many = Array.from({ length: MAX_WISH_WORDS + 1 }, (_, i) => `活${i}`).join('、');
    const refused = jobWish.step({ step: 'work' }, text(many), ctx());
    expect(refused.state).toEqual({ step: 'work' });
    expect(refused.replies[0]!.key).toBe('jobwish-too-long');
    expect(jobWish.step({ step: 'place', work: [] }, text('远'.repeat(51)), ctx()).state).toEqual({ step: 'place', work: [] });
    expect(wishWords('长'.repeat(21))).toBeUndefined();
    expect(jobWish.step({ step: 'training', work: [], place: null }, { kind: 'timeout' }, ctx())).toEqual({ state: null, replies: [] });
  });
});
