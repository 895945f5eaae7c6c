import { HELP_CATEGORIES, type HelpCategory, type Urgency } from '../../db/schema/help.js';
import { button, buttonPayload, cancelButton, endQuietly, reply, rows, stayWith, type Flow, type Reply, type StepResult } from '../flow.js';

/** A help request: what kind, what happened (text and photos), how urgent, then a ticket to follow. */
export type HelpState =
  | { step: 'category' }
  | { step: 'describe'; category: HelpCategory; parts: string[]; files: { fileRef: string; mime?: string }[] }
  | { step: 'urgency'; category: HelpCategory; parts: string[]; files: { fileRef: string; mime?: string }[] }
  | { step: 'confirm'; category: HelpCategory; parts: string[]; files: { fileRef: string; mime?: string }[]; urgency: Urgency };

/** Enough for a clear account; more belongs in a call with the helper. */
export const MAX_DESCRIPTION_CHARS = 2000;
const MAX_FILES = 10;

const askCategory = (): Reply =>
  reply('help-ask-category', { buttons: [...rows(HELP_CATEGORIES.map((c) => button(`help-category-${c}`, `help:cat:${c}`)), 2), [cancelButton()]] });
const askDescribe = (): Reply => reply('help-ask-describe', { expects: 'multiline', buttons: [[cancelButton()]] });
const askMore = (): Reply =>
  reply('help-got-part', { expects: 'multiline', buttons: [[button('help-button-described', 'help:described')], [cancelButton()]] });
const askUrgency = (): Reply =>
  reply('help-ask-urgency', { buttons: [[button('help-button-urgent', 'help:urgent'), button('help-button-normal', 'help:normal')]] });

function describe(parts: string[]): string {
  return parts.join('\n');
}

function askConfirm(state: Extract<HelpState, { step: 'confirm' }>): Reply {
  const text = describe(state.parts);
  return reply('help-confirm', {
    args: {
      category: state.category,
      excerpt: text.length > 60 ? `${text.slice(0, 60)}…` : text,
      files: state.files.length,
      urgent: state.urgency === 'urgent' ? 'yes' : 'no',
    },
    buttons: [[button('common-button-submit', 'help:submit')], [cancelButton()]],
  });
}

function question(state: HelpState): Reply {
  switch (state.step) {
    case 'category': return askCategory();
    case 'describe': return state.parts.length || state.files.length ? askMore() : askDescribe();
    case 'urgency': return askUrgency();
    case 'confirm': return askConfirm(state);
  }
}

function addToDescription(state: Extract<HelpState, { step: 'describe' }>, text: string | undefined, file?: { fileRef: string; mime?: string }): StepResult<HelpState> {
  const parts = text ? [...state.parts, text] : state.parts;
  if (describe(parts).length > MAX_DESCRIPTION_CHARS) return { state, replies: [reply('help-too-long', { args: { max: MAX_DESCRIPTION_CHARS } }), askMore()] };
  const files = file ? [...state.files, file] : state.files;
  if (files.length > MAX_FILES) return { state, replies: [reply('help-too-many-files', { args: { max: MAX_FILES } }), askMore()] };
  return { state: { ...state, parts, files }, replies: [askMore()] };
}

export const help: Flow<HelpState> = {
  name: 'help',
  prefix: 'help',
  start: (_ctx, arg) => ({ state: { step: 'category' }, replies: [reply(arg === 'from-checkin' ? 'help-intro-from-checkin' : 'help-intro'), askCategory()] }),
  step(state, event) {
    if (event.kind === 'timeout') return endQuietly();
    const payload = buttonPayload(event);
    switch (state.step) {
      case 'category': {
        const category = payload?.startsWith('help:cat:') ? payload.slice('help:cat:'.length) : undefined;
        if (category && (HELP_CATEGORIES as readonly string[]).includes(category)) {
          return { state: { step: 'describe', category: category as HelpCategory, parts: [], files: [] }, replies: [askDescribe()] };
        }
        break;
      }
      case 'describe':
        if (event.kind === 'text' && event.text.trim()) return addToDescription(state, event.text.trim());
        if (event.kind === 'file') return addToDescription(state, event.caption?.trim() || undefined, { fileRef: event.fileRef, ...(event.mime ? { mime: event.mime } : {}) });
        if (payload === 'help:described') {
          if (state.parts.length === 0) return { state, replies: [reply('help-need-words'), askDescribe()] };
          return { state: { ...state, step: 'urgency' }, replies: [askUrgency()] };
        }
        return stayWith(state, question(state), 'help-nudge-describe');
      case 'urgency':
        if (payload === 'help:urgent' || payload === 'help:normal') {
          const next = { ...state, step: 'confirm' as const, urgency: (payload === 'help:urgent' ? 'urgent' : 'normal') as Urgency };
          return { state: next, replies: [askConfirm(next)] };
        }
        break;
      case 'confirm':
        if (payload === 'help:submit') {
          // The ticket number is only known once stored: the engine answers with it.
          return {
            state: null,
            replies: [],
            effects: [{ kind: 'openHelpRequest', category: state.category, description: describe(state.parts), urgency: state.urgency, attachments: state.files }],
          };
        }
        break;
    }
    return stayWith(state, question(state));
  },
};
