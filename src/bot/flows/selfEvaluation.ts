import { SELF_RATINGS, type SelfRating } from '../../db/schema/membership.js';
import { button, buttonPayload, cancelButton, endQuietly, reply, stayWith, textOf, type Flow, type Reply } from '../flow.js';

/**
 * The annual self-evaluation (民主评议的自评): a button to start from, then a few words of one's own (or none).
 * Typing straight away is a self-evaluation too: the buttons are a help, not a form.
 */
export type SelfEvaluationState = { step: 'rating' } | { step: 'words'; rating: SelfRating };

export const MAX_SELF_EVALUATION_CHARS = 1000;

const askRating = (): Reply =>
  reply('selfeval-ask', {
    expects: 'text',
    buttons: [...SELF_RATINGS.map((r) => [button(`selfeval-rating-${r}`, `se:rate:${r}`)]), [cancelButton()]],
  });
const askWords = (): Reply => reply('selfeval-ask-words', { expects: 'text', buttons: [[button('selfeval-button-nothing-more', 'se:skip')], [cancelButton()]] });

function save(rating: SelfRating | null, text: string | null) {
  return { state: null, replies: [reply('selfeval-saved')], effects: [{ kind: 'saveSelfEvaluation' as const, rating, text }] };
}

export const selfEvaluation: Flow<SelfEvaluationState> = {
  name: 'selfEvaluation',
  prefix: 'se',
  start: () => ({ state: { step: 'rating' }, replies: [askRating()] }),
  step(state, event) {
    if (event.kind === 'timeout') return endQuietly();
    const payload = buttonPayload(event);
    const text = textOf(event);
    if (text && text.length > MAX_SELF_EVALUATION_CHARS) {
      return { state, replies: [reply('selfeval-too-long', { args: { max: MAX_SELF_EVALUATION_CHARS } }), state.step === 'rating' ? askRating() : askWords()] };
    }
    if (state.step === 'rating') {
      const rating = SELF_RATINGS.find((r) => payload === `se:rate:${r}`);
      if (rating) return { state: { step: 'words', rating }, replies: [askWords()] };
      if (text) return save(null, text);
      return stayWith(state, askRating());
    }
    if (payload === 'se:skip') return save(state.rating, null);
    if (text) return save(state.rating, text);
    return stayWith(state, askWords());
  },
};
