import { describe, expect, it } from 'vitest';
import { location, type LocationState } from '../../../src/bot/flows/location.js';
import { ctx, NONSENSE, payloads, point, renderAll, tap, text } from '../../support/facts.js';

describe('location update', () => {
  it('asks for the separate consent first when it was not given', () => {
    const c = ctx({ locationConsent: 'never' });
    const r = location.start(c);
    expect(r.state).toEqual({ step: 'consent' });
    const declined = location.step(r.state!, tap('loc:consent:no'), c);
    expect(declined.state).toBeNull();
    expect(declined.effects).toEqual([{ kind: 'setLocationConsent', granted: false }]);
    const agreed = location.step(r.state!, tap('loc:consent:yes'), c);
    expect(agreed.state).toEqual({ step: 'how' });
    expect(agreed.effects).toEqual([{ kind: 'setLocationConsent', granted: true }]);
  });

  it('resolves a typed city, confirms, and records only its code', () => {
    const c = ctx();
    let r = location.start(c);
    expect(r.replies[0]!.askLocation).toBe(true);
    r = location.step(r.state!, text('东莞'), c);
    expect(r.state).toMatchObject({ step: 'confirm', code: '441900', source: 'typed' });
    expect(renderAll(r.replies).join()).toContain('广东省 东莞市');
    r = location.step(r.state!, tap('loc:yes'), c);
    expect(r.effects).toEqual([{ kind: 'recordLocation', regionCode: '441900', source: 'typed' }]);
  });

  it('reduces a shared point to its city, and the point goes no further than the step', () => {
    const c = ctx();
    const r = location.step({ step: 'how' }, point(23.0207, 113.7518), c);
    expect(r.state).toMatchObject({ step: 'confirm', code: '441900', source: 'shared_point' });
    const saved = location.step(r.state!, tap('loc:yes'), c);
    expect(JSON.stringify(saved)).not.toMatch(/23\.02|113\.75/);
  });

  it('says so when a point is outside the country, and keeps asking', () => {
    const r = location.step({ step: 'how' }, point(48.8566, 2.3522), ctx());
    expect(r.state).toEqual({ step: 'how' });
    expect(r.replies[0]!.key).toBe('location-point-unknown');
  });

  it('walks province → city → district with buttons and pages', () => {
    const c = ctx();
    let r = location.step({ step: 'how' }, tap('loc:pick'), c);
    expect(r.state).toEqual({ step: 'pick', parent: null, page: 0 });
    expect(payloads(r.replies)).toContain('loc:page:next');
    r = location.step(r.state!, tap('loc:page:next'), c);
    expect(r.state).toMatchObject({ page: 1 });
    r = location.step(r.state!, tap('loc:pick:440000'), c);
    expect(r.state).toEqual({ step: 'pick', parent: '440000', page: 0 });
    r = location.step(r.state!, tap('loc:pick:440300'), c);
    expect(r.state).toEqual({ step: 'pick', parent: '440300', page: 0 });
    expect(payloads(r.replies)).toContain('loc:is:440300');
    r = location.step(r.state!, tap('loc:pick:440305'), c);
    expect(r.state).toEqual({ step: 'confirm', code: '440305', source: 'picked' });
    expect(renderAll(r.replies).join()).toContain('深圳市 南山区');
  });

  it('offers the candidates when a typed name is ambiguous', () => {
    const r = location.step({ step: 'how' }, text('朝阳区'), ctx());
    expect(r.state).toMatchObject({ step: 'choose' });
    expect((r.state as { codes: string[] }).codes.length).toBeGreaterThan(1);
  });

  const states: LocationState[] = [
    { step: 'consent' },
    { step: 'choose', codes: ['441900', '440300'] },
    { step: 'confirm', code: '441900', source: 'typed' },
    { step: 'pick', parent: null, page: 0 },
  ];
  for (const state of states) {
    it(`keeps the state on stray buttons and files at '${state.step}'`, () => {
      for (const event of NONSENSE.filter((e) => e.kind === 'button' || e.kind === 'file' || state.step === 'consent')) {
        const r = location.step(state, event, ctx());
        expect(r.state).toEqual(state);
        expect(r.effects ?? []).toEqual([]);
        expect(r.replies.length).toBeGreaterThan(0);
        renderAll(r.replies);
      }
    });
  }

  it('answers text it cannot place kindly, keeping the question', () => {
    const r = location.step({ step: 'how' }, text('asdfgh'), ctx());
    expect(r.state).toEqual({ step: 'how' });
    expect(r.replies[0]!.key).toBe('location-not-found');
  });
});
