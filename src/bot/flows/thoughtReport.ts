import { button, buttonPayload, cancelButton, endQuietly, reply, stayWith, type Flow, type FlowEvent, type Reply, type StepResult } from '../flow.js';

/** The quarterly thought report (思想汇报): free text over several messages, read back before it is sent. */
type Photo = { fileRef: string; mime?: string };
/** `photos`: pages of a handwritten report (many older members write by hand); absent in states saved before. */
export type ThoughtReportState = { step: 'writing'; parts: string[]; photos?: Photo[] } | { step: 'confirm'; parts: string[]; photos?: Photo[] };

export const MAX_THOUGHT_REPORT_CHARS = 5000;
export const MAX_THOUGHT_REPORT_PHOTOS = 10;

const askWrite = (replacing: boolean): Reply =>
  reply(replacing ? 'thought-ask-replace' : 'thought-ask', { expects: 'multiline', buttons: [[cancelButton()]] });
const askMore = (count: number, photos = 0): Reply =>
  reply('thought-got-part', { args: { count, photos }, expects: 'multiline', buttons: [[button('thought-button-done', 'tr:done')], [cancelButton()]] });

function body(parts: string[]): string {
  return parts.join('\n\n');
}

function askConfirm(parts: string[], photos = 0): Reply {
  const text = body(parts);
  return reply('thought-confirm', {
    args: { count: text.length, excerpt: text.length > 80 ? `${text.slice(0, 80)}…` : text, photos },
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
    const photos = state.photos ?? [];
    if (state.step === 'writing') {
      if (event.kind === 'text' && event.text.trim()) return addText(state, photos, event.text.trim());
      if (event.kind === 'file') return addPhoto(state, photos, event);
      if (payload === 'tr:done') {
        if (state.parts.length === 0 && photos.length === 0) return { state, replies: [reply('thought-empty'), askWrite(false)] };
        return { state: { step: 'confirm', parts: state.parts, ...some(photos) }, replies: [askConfirm(state.parts, photos.length)] };
      }
      const question = state.parts.length || photos.length ? askMore(body(state.parts).length, photos.length) : askWrite(false);
      return stayWith(state, question, 'thought-nudge');
    }
    if (payload === 'tr:submit') {
      return { state: null, replies: [reply('thought-saved')], effects: [{ kind: 'saveThoughtReport', body: body(state.parts), ...(photos.length ? { photos } : {}) }] };
    }
    if (payload === 'tr:more') return { state: { step: 'writing', parts: state.parts, ...some(photos) }, replies: [askMore(body(state.parts).length, photos.length)] };
    return stayWith(state, askConfirm(state.parts, photos.length));
  },
};

/** Photos only when there are some: a report in words keeps the state it always had. */
const some = (photos: Photo[]) => (photos.length > 0 ? { photos } : {});

function addText(state: ThoughtReportState, photos: Photo[], text: string): StepResult<ThoughtReportState> {
  const parts = [...state.parts, text];
  const count = body(parts).length;
  if (count > MAX_THOUGHT_REPORT_CHARS) return { state, replies: [reply('thought-too-long', { args: { max: MAX_THOUGHT_REPORT_CHARS } }), askMore(body(state.parts).length, photos.length)] };
  return { state: { step: 'writing', parts, ...some(photos) }, replies: [askMore(count, photos.length)] };
}

/** A picture of a handwritten page is part of the report; a voice message or a document is not (yet). */
function addPhoto(state: ThoughtReportState, photos: Photo[], file: Extract<FlowEvent, { kind: 'file' }>): StepResult<ThoughtReportState> {
  const again = askMore(body(state.parts).length, photos.length);
  if (!file.mime?.startsWith('image/')) return { state, replies: [reply('thought-photo-only'), again] };
  if (photos.length >= MAX_THOUGHT_REPORT_PHOTOS) return { state, replies: [reply('thought-too-many-photos', { args: { max: MAX_THOUGHT_REPORT_PHOTOS } }), again] };
  const next = [...photos, { fileRef: file.fileRef, ...(file.mime ? { mime: file.mime } : {}) }];
  const caption = file.caption?.trim();
  const parts = caption ? [...state.parts, caption] : state.parts;
  if (body(parts).length > MAX_THOUGHT_REPORT_CHARS) return { state, replies: [reply('thought-too-long', { args: { max: MAX_THOUGHT_REPORT_CHARS } }), again] };
  return { state: { step: 'writing', parts, photos: next }, replies: [askMore(body(parts).length, next.length)] };
}
