import { describe, expect, it } from 'vitest';
import { MAX_THOUGHT_REPORT_CHARS, thoughtReport, type ThoughtReportState } from '../../../src/bot/flows/thoughtReport.js';
import { ctx, NONSENSE, renderAll, tap, text } from '../../support/facts.js';

describe('quarterly thought report', () => {
  it('collects several messages, reads back, and submits on confirmation', () => {
    const c = ctx();
    let r = thoughtReport.start(c);
    expect(r.replies[0]!.expects).toBe('multiline');
    r = thoughtReport.step(r.state!, text('第一段：学习了党章。'), c);
    r = thoughtReport.step(r.state!, text('第二段：在工地带头守规矩。'), c);
    r = thoughtReport.step(r.state!, tap('tr:done'), c);
    expect(r.state).toEqual({ step: 'confirm', parts: ['第一段：学习了党章。', '第二段：在工地带头守规矩。'] });
    expect(renderAll(r.replies).join()).toContain('第一段');
    r = thoughtReport.step(r.state!, tap('tr:submit'), c);
    expect(r.effects).toEqual([{ kind: 'saveThoughtReport', body: '第一段：学习了党章。\n\n第二段：在工地带头守规矩。' }]);
  });

  it('lets the member keep writing after the read-back', () => {
    const r = thoughtReport.step({ step: 'confirm', parts: ['a'] }, tap('tr:more'), ctx());
    expect(r.state).toEqual({ step: 'writing', parts: ['a'] });
  });

  it('does not submit an empty report', () => {
    const r = thoughtReport.step({ step: 'writing', parts: [] }, tap('tr:done'), ctx());
    expect(r.state).toEqual({ step: 'writing', parts: [] });
    expect(r.replies[0]!.key).toBe('thought-empty');
  });

  it('refuses a part that would pass the limit and keeps the rest', () => {
    const state: ThoughtReportState = { step: 'writing', parts: ['a'.repeat(MAX_THOUGHT_REPORT_CHARS - 1)] };
    const r = thoughtReport.step(state, text('bb'), ctx());
    expect(r.state).toEqual(state);
  });

  it('warns that a second report this quarter replaces the first', () => {
    expect(thoughtReport.start(ctx({ thoughtReportedThisPeriod: true })).replies[0]!.key).toBe('thought-ask-replace');
  });

  for (const state of [{ step: 'writing', parts: ['x'] }, { step: 'writing', parts: [] }, { step: 'confirm', parts: ['x'] }] as ThoughtReportState[]) {
    it(`keeps the state on nonsense at '${state.step}' (${state.parts.length} parts)`, () => {
      for (const event of NONSENSE.filter((e) => e.kind !== 'text' || state.step === 'confirm')) {
        const r = thoughtReport.step(state, event, ctx());
        expect(r.state).toEqual(state);
        expect(r.effects ?? []).toEqual([]);
        expect(r.replies.length).toBeGreaterThan(0);
        renderAll(r.replies);
      }
    });
  }
});
