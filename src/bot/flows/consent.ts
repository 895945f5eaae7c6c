import { button, buttonPayload, endQuietly, reply, stayWith, type Flow, type Reply } from '../flow.js';

/**
 * The separate consent to keep whereabouts (PIPL Art. 29), asked once after onboarding and again only
 * when the member chooses to; and its withdrawal, which deletes every stored location.
 */
export type ConsentState = { step: 'ask' } | { step: 'confirmWithdraw' };

const askGrant = (): Reply =>
  reply('consent-ask', { buttons: [[button('consent-button-agree', 'consent:yes')], [button('consent-button-decline', 'consent:no')]] });
const askWithdraw = (): Reply =>
  reply('consent-withdraw-ask', { buttons: [[button('consent-button-withdraw', 'consent:withdraw'), button('consent-button-keep', 'consent:keep')]] });

export const consent: Flow<ConsentState> = {
  name: 'consent',
  prefix: 'consent',
  start(ctx, arg) {
    if (arg === 'withdraw') {
      if (ctx.facts.locationConsent !== 'granted') return { state: null, replies: [reply('consent-not-given')] };
      return { state: { step: 'confirmWithdraw' }, replies: [askWithdraw()] };
    }
    return { state: { step: 'ask' }, replies: [askGrant()] };
  },
  step(state, event) {
    if (event.kind === 'timeout') return endQuietly();
    const payload = buttonPayload(event);
    if (state.step === 'ask') {
      if (payload === 'consent:yes') return { state: null, replies: [reply('consent-granted')], effects: [{ kind: 'setLocationConsent', granted: true }] };
      if (payload === 'consent:no') return { state: null, replies: [reply('consent-declined')], effects: [{ kind: 'setLocationConsent', granted: false }] };
      return stayWith(state, askGrant());
    }
    if (payload === 'consent:withdraw') return { state: null, replies: [reply('consent-withdrawn')], effects: [{ kind: 'setLocationConsent', granted: false }] };
    if (payload === 'consent:keep') return { state: null, replies: [reply('consent-kept')] };
    return stayWith(state, askWithdraw());
  },
};
