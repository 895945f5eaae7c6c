import { button, buttonPayload, cancelButton, endQuietly, reply, stayWith, textOf, type Flow, type Reply, type StepResult } from '../flow.js';

/**
 * 就业意向 in the member's own words (a 下岗失业党员): the work wanted, where, and the training they would take. Three
 * short questions, each answered by typing or with a button; nothing is saved until the last answer.
 */
export type JobWishState =
  | { step: 'work' }
  | { step: 'place'; work: string[] }
  | { step: 'training'; work: string[]; place: string | null };

export const MAX_WISH_WORDS = 10;
export const MAX_WISH_WORD_CHARS = 20;
export const MAX_PLACE_CHARS = 50;
/** Places picked with a button, kept as these words and shown in the reader's language. */
export const WISH_PLACES = ['local', 'away', 'any'] as const;

const askWork = (): Reply => reply('jobwish-ask-work', { expects: 'text', buttons: [[button('jobwish-button-any-work', 'jw:work:any')], [cancelButton()]] });
const askPlace = (): Reply => reply('jobwish-ask-place', {
  expects: 'text',
  buttons: [WISH_PLACES.map((p) => button(`jobwish-place-${p}`, `jw:place:${p}`)), [cancelButton()]],
});
const askTraining = (): Reply => reply('jobwish-ask-training', { expects: 'text', buttons: [[button('jobwish-button-no-training', 'jw:training:none')], [cancelButton()]] });

/** '电工、保安 司机' → the words; undefined when too many or too long. */
export function wishWords(text: string): string[] | undefined {
  const words = [...new Set(text.split(/[,，、;；\s]+/).map((w) => w.trim()).filter(Boolean))];
  if (words.length === 0 || words.length > MAX_WISH_WORDS || words.some((w) => [...w].length > MAX_WISH_WORD_CHARS)) return undefined;
  return words;
}

const tooLong = <S>(state: S, question: Reply): StepResult<S> => ({
  state, replies: [reply('jobwish-too-long', { args: { words: MAX_WISH_WORDS, chars: MAX_WISH_WORD_CHARS, place: MAX_PLACE_CHARS } }), question],
});

function save(work: string[], place: string | null, training: string[]): StepResult<JobWishState> {
  return { state: null, replies: [], effects: [{ kind: 'saveJobWish', work, place, training }] };
}

export const jobWish: Flow<JobWishState> = {
  name: 'jobWish',
  prefix: 'jw',
  start: () => ({ state: { step: 'work' }, replies: [askWork()] }),
  step(state, event) {
    if (event.kind === 'timeout') return endQuietly();
    const payload = buttonPayload(event);
    const text = textOf(event);
    if (state.step === 'work') {
      if (payload === 'jw:work:any') return { state: { step: 'place', work: [] }, replies: [askPlace()] };
      if (!text) return stayWith(state, askWork());
      const work = wishWords(text);
      return work ? { state: { step: 'place', work }, replies: [askPlace()] } : tooLong(state, askWork());
    }
    if (state.step === 'place') {
      const picked = WISH_PLACES.find((p) => payload === `jw:place:${p}`);
      if (picked) return { state: { step: 'training', work: state.work, place: picked }, replies: [askTraining()] };
      if (!text) return stayWith(state, askPlace());
      if ([...text].length > MAX_PLACE_CHARS) return tooLong(state, askPlace());
      return { state: { step: 'training', work: state.work, place: text }, replies: [askTraining()] };
    }
    if (payload === 'jw:training:none') return save(state.work, state.place, []);
    if (!text) return stayWith(state, askTraining());
    const training = wishWords(text);
    return training ? save(state.work, state.place, training) : tooLong(state, askTraining());
  },
};
