import { describe, expect, it } from 'vitest';
import { consent } from '../../../src/bot/flows/consent.js';
import { language } from '../../../src/bot/flows/language.js';
import { ctx, NONSENSE, renderAll, tap } from '../../support/facts.js';

describe('location consent', () => {
  it('grants and declines with one tap', () => {
    const r = consent.start(ctx({ locationConsent: 'never' }));
    expect(consent.step(r.state!, tap('consent:yes'), ctx()).effects).toEqual([{ kind: 'setLocationConsent', granted: true }]);
    expect(consent.step(r.state!, tap('consent:no'), ctx()).effects).toEqual([{ kind: 'setLocationConsent', granted: false }]);
  });

  it('asks before withdrawing, and withdrawing is a separate effect that deletes', () => {
    const r = consent.start(ctx({ locationConsent: 'granted' }), 'withdraw');
    expect(r.state).toEqual({ step: 'confirmWithdraw' });
    expect(consent.step(r.state!, tap('consent:withdraw'), ctx()).effects).toEqual([{ kind: 'setLocationConsent', granted: false }]);
    expect(consent.step(r.state!, tap('consent:keep'), ctx()).effects).toBeUndefined();
  });

  it('has nothing to withdraw when consent was never given', () => {
    expect(consent.start(ctx({ locationConsent: 'never' }), 'withdraw')).toMatchObject({ state: null });
  });

  it('keeps its question on nonsense', () => {
    for (const state of [{ step: 'ask' }, { step: 'confirmWithdraw' }] as const) {
      for (const event of NONSENSE) {
        const r = consent.step(state, event, ctx());
        expect(r.state).toEqual(state);
        renderAll(r.replies);
      }
    }
  });
});

describe('language', () => {
  it('switches with one tap and keeps asking on nonsense', () => {
    const r = language.start(ctx());
    expect(language.step(r.state!, tap('lang:en'), ctx()).effects).toEqual([{ kind: 'setLanguage', language: 'en' }]);
    for (const event of NONSENSE) expect(language.step(r.state!, event, ctx()).state).toEqual(r.state);
  });
});
