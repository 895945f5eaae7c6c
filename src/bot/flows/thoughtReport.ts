import { button, buttonPayload, cancelButton, endQuietly, reply, stayWith, type Flow, type Reply } from '../flow.js';

/** The quarterly thought report (思想汇报): free text over several messages, read back before it is sent. */
export type ThoughtReportState = { step: 'writing'; parts: string[] } | { step: 'confirm'; parts: string[] };

export const MAX_THOUGHT_REPORT_CHARS = 5000;

const askWrite = (replacing: boolean): Reply =>
  reply(replacing ? 'thought-ask-replace' : 'thought-ask', { expects: 'multiline', buttons: [[cancelButton()]] });
const askMore = (count: number): Reply =>
  reply('thought-got-part', { args: { count }, expects: 'multiline', buttons: [[button('thought-button-done', 'tr:done')], [cancelButton()]] });

function body(parts: string[]): string {
  return parts.join('\n\n');
}

function askConfirm(parts: string[]): Reply {
  const text = body(parts);
  return reply('thought-confirm', {
    args: { count: text.length, excerpt: text.length > 80 ? `${text.slice(0, 80)}…` : text },
    buttons: [[button('common-button-submit', 'tr:submit')], [button('thought-button-more', 'tr:more')], [cancelButton()]],
  });
}

export const thoughtReport: Flow<ThoughtReportState> = {
  name: 'thoughtReport',
  prefix: 'tr',
  start: (ctx) => ({ state: { step: 'writing', parts: [] }, replies: [askWrite(ctx.facts.thoughtReportedThisPeriod)] }),
  step(state, event) {
    if (event.kind === 'timeout') return endQuietly();
    const payload = buttonPayload(event);
    if (state.step === 'writing') {
      if (event.kind === 'text' && event.text.trim()) {
        const parts = [...state.parts, event.text.trim()];
        const count = body(parts).length;
        if (count > MAX_THOUGHT_REPORT_CHARS) return { state, replies: [reply('thought-too-long', { args: { max: MAX_THOUGHT_REPORT_CHARS } }), askMore(body(state.parts).length)] };
        return { state: { step: 'writing', parts }, replies: [askMore(count)] };
      }
      if (payload === 'tr:done') {
        if (state.parts.length === 0) return { state, replies: [reply('thought-empty'), askWrite(false)] };
        return { state: { step: 'confirm', parts: state.parts }, replies: [askConfirm(state.parts)] };
      }
      const question = state.parts.length ? askMore(body(state.parts).length) : askWrite(false);
      return stayWith(state, question, 'thought-nudge');
    }
    if (payload === 'tr:submit') return { state: null, replies: [reply('thought-saved')], effects: [{ kind: 'saveThoughtReport', body: body(state.parts) }] };
    if (payload === 'tr:more') return { state: { step: 'writing', parts: state.parts }, replies: [askMore(body(state.parts).length)] };
    return stayWith(state, askConfirm(state.parts));
  },
};
