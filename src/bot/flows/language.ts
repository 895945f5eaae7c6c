import { button, buttonPayload, endQuietly, reply, stayWith, type Flow, type Reply } from '../flow.js';

export type LanguageState = { step: 'choose' };

const ask = (): Reply =>
  reply('language-ask', { buttons: [[button('language-zh', 'lang:zh-CN'), button('language-en', 'lang:en')]] });

export const language: Flow<LanguageState> = {
  name: 'language',
  prefix: 'lang',
  start: () => ({ state: { step: 'choose' }, replies: [ask()] }),
  step(state, event) {
    if (event.kind === 'timeout') return endQuietly();
    const payload = buttonPayload(event);
    if (payload === 'lang:zh-CN' || payload === 'lang:en') {
      // Rendered after the effect is applied, so this already speaks the new language.
      return { state: null, replies: [reply('language-set')], effects: [{ kind: 'setLanguage', language: payload === 'lang:en' ? 'en' : 'zh-CN' }] };
    }
    return stayWith(state, ask());
  },
};
