import { describe, expect, it } from 'vitest';
import { MAX_SELF_EVALUATION_CHARS, selfEvaluation } from '../../../src/bot/flows/selfEvaluation.js';
import { ctx, renderAll, tap, text } from '../../support/facts.js';

describe('annual self-evaluation (自评)', () => {
  it('starts from a button and adds the member’s own words', () => {
    const c = ctx();
    let r = selfEvaluation.start(c);
    expect(r.replies[0]!.buttons!.flat().map((b) => b.payload)).toEqual(['se:rate:good', 'se:rate:fair', 'se:rate:improve', 'cancel']);
    expect(renderAll(r.replies).join()).toContain('直接打字');
    r = selfEvaluation.step(r.state!, tap('se:rate:fair'), c);
    expect(r.state).toEqual({ step: 'words', rating: 'fair' });
    r = selfEvaluation.step(r.state!, text('  学习还不够  '), c);
    expect(r.state).toBeNull();
    expect(r.effects).toEqual([{ kind: 'saveSelfEvaluation', rating: 'fair', text: '学习还不够' }]);
  });

  it('a button alone is enough, and typing alone is enough', () => {
    const skipped = selfEvaluation.step({ step: 'words', rating: 'good' }, tap('se:skip'), ctx());
    expect(skipped.effects).toEqual([{ kind: 'saveSelfEvaluation', rating: 'good', text: null }]);
    const typed = selfEvaluation.step({ step: 'rating' }, text('在外地也按时交党费'), ctx());
    expect(typed.effects).toEqual([{ kind: 'saveSelfEvaluation', rating: null, text: '在外地也按时交党费' }]);
  });

  it('keeps its place on a tap it does not know, refuses too long a text, and ends quietly on timeout', () => {
    const stray = selfEvaluation.step({ step: 'words', rating: 'good' }, tap('se:rate:bogus'), ctx());
    expect(stray.state).toEqual({ step: 'words', rating: 'good' });
    expect(stray.effects).toBeUndefined();
    const long = selfEvaluation.step({ step: 'rating' }, text('长'.repeat(MAX_SELF_EVALUATION_CHARS + 1)), ctx());
    expect(long.state).toEqual({ step: 'rating' });
    expect(long.replies[0]!.key).toBe('selfeval-too-long');
    expect(selfEvaluation.step({ step: 'rating' }, { kind: 'timeout' }, ctx())).toEqual({ state: null, replies: [] });
  });
});
