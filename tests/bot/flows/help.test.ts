import { describe, expect, it } from 'vitest';
import { help, MAX_DESCRIPTION_CHARS, type HelpState } from '../../../src/bot/flows/help.js';
import { ctx, file, NONSENSE, payloads, point, renderAll, tap, text } from '../../support/facts.js';

describe('help request', () => {
  it('takes a category, words and photos, urgency, and opens a request on submit', () => {
    const c = ctx();
    let r = help.start(c);
    expect(payloads(r.replies)).toContain('help:cat:wages');
    r = help.step(r.state!, tap('help:cat:wages'), c);
    r = help.step(r.state!, text('老板拖欠三个月工资'), c);
    r = help.step(r.state!, file('PHOTO-1'), c);
    r = help.step(r.state!, text('工地在长安镇'), c);
    expect(payloads(r.replies)).toContain('help:described');
    r = help.step(r.state!, tap('help:described'), c);
    r = help.step(r.state!, tap('help:urgent'), c);
    expect(r.state).toMatchObject({ step: 'confirm', urgency: 'urgent' });
    expect(renderAll(r.replies).join('\n')).toContain('讨要工资');
    r = help.step(r.state!, tap('help:submit'), c);
    expect(r.state).toBeNull();
    expect(r.effects).toEqual([
      { kind: 'openHelpRequest', category: 'wages', description: '老板拖欠三个月工资\n工地在长安镇', urgency: 'urgent', attachments: [{ fileRef: 'PHOTO-1', mime: 'image/jpeg' }] },
    ]);
  });

  it('needs at least one sentence before moving on', () => {
    const state: HelpState = { step: 'describe', category: 'medical', parts: [], files: [{ fileRef: 'P' }] };
    const r = help.step(state, tap('help:described'), ctx());
    expect(r.state).toEqual(state);
    expect(r.replies[0]!.key).toBe('help-need-words');
  });

  it('refuses a description over the limit without losing what was written', () => {
    const state: HelpState = { step: 'describe', category: 'medical', parts: ['a'.repeat(MAX_DESCRIPTION_CHARS - 5)], files: [] };
    const r = help.step(state, text('b'.repeat(10)), ctx());
    expect(r.state).toEqual(state);
    expect(r.replies[0]!.key).toBe('help-too-long');
  });

  const states: HelpState[] = [
    { step: 'category' },
    { step: 'urgency', category: 'jobs', parts: ['x'], files: [] },
    { step: 'confirm', category: 'jobs', parts: ['x'], files: [], urgency: 'normal' },
  ];
  for (const state of states) {
    it(`keeps the state on nonsense at '${state.step}'`, () => {
      for (const event of NONSENSE) {
        const r = help.step(state, event, ctx());
        expect(r.state).toEqual(state);
        expect(r.effects ?? []).toEqual([]);
        expect(r.replies.length).toBeGreaterThan(0);
        renderAll(r.replies);
      }
    });
  }

  it('keeps the description on a stray button or a location while describing', () => {
    const state: HelpState = { step: 'describe', category: 'jobs', parts: ['x'], files: [] };
    for (const event of [tap('zz:unknown'), point(1, 1), text('   ')]) {
      const r = help.step(state, event, ctx());
      expect(r.state).toEqual(state);
      expect(r.replies[0]!.key).toBe('help-nudge-describe');
    }
  });
});
