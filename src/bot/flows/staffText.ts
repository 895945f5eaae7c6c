import { STAFF_TEXT_PURPOSES, cancelButton, endQuietly, reply, stayWith, textOf, type Flow, type Reply, type StaffTextPurpose } from '../flow.js';

/**
 * One short text from staff for something a feature owns: a note on a help request, a reply to a member's
 * thought report. The feature checked the target before starting this; it checks again when the text comes.
 */
export type StaffTextState = { step: 'write'; purpose: StaffTextPurpose; targetId: number };

export const MAX_STAFF_TEXT_CHARS = 500;

const ask = (s: StaffTextState): Reply =>
  reply('staff-text-ask', { args: { purpose: s.purpose, id: s.targetId, max: MAX_STAFF_TEXT_CHARS }, expects: 'multiline', buttons: [[cancelButton()]] });

/** What a feature passes to start it: `helpNote:12`. */
export const staffTextArg = (purpose: StaffTextPurpose, targetId: number) => `${purpose}:${targetId}`;

export const staffText: Flow<StaffTextState> = {
  name: 'staffText',
  prefix: 'st',
  start(_ctx, arg) {
    const [purpose, id] = (arg ?? '').split(':');
    const targetId = Number(id);
    if (!(STAFF_TEXT_PURPOSES as readonly string[]).includes(purpose ?? '') || !Number.isSafeInteger(targetId)) return { state: null, replies: [reply('common-stale-button')] };
    const state: StaffTextState = { step: 'write', purpose: purpose as StaffTextPurpose, targetId };
    return { state, replies: [ask(state)] };
  },
  step(state, event) {
    if (event.kind === 'timeout') return endQuietly();
    const text = textOf(event);
    if (!text) return stayWith(state, ask(state), 'staff-text-nudge');
    if ([...text].length > MAX_STAFF_TEXT_CHARS) return { state, replies: [reply('staff-text-too-long', { args: { max: MAX_STAFF_TEXT_CHARS } }), ask(state)] };
    return { state: null, replies: [], effects: [{ kind: state.purpose, targetId: state.targetId, text }] };
  },
};
