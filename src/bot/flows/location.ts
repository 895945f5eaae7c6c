import { button, buttonPayload, cancelButton, dataButton, endQuietly, reply, rows, stayWith, textOf, type Flow, type FlowContext, type Reply, type ReplyButton, type StepResult } from '../flow.js';
import { childrenOf, describeRegion, provinces, regionAtPoint, regionByCode, regionName, searchRegions } from '../regions/index.js';
import type { LocationSource } from '../../db/schema/locations.js';

/**
 * Where the member now lives or works, kept as a city/district code. Three ways in, so nobody is stuck:
 * type a place name, share a point (reduced to its city here; the coordinates go no further), or tap
 * through province → city → district.
 */
export type LocationState =
  | { step: 'consent' }
  | { step: 'how' }
  | { step: 'choose'; codes: string[] }
  | { step: 'confirm'; code: string; source: LocationSource }
  | { step: 'pick'; parent: string | null; page: number };

const PAGE_SIZE = 8;

const askConsent = (): Reply =>
  reply('location-consent-first', { buttons: [[button('consent-button-agree', 'loc:consent:yes')], [button('consent-button-decline', 'loc:consent:no')]] });

const askHow = (): Reply =>
  reply('location-ask-how', { askLocation: true, buttons: [[button('location-button-pick', 'loc:pick')], [cancelButton()]] });

const askChoose = (codes: string[], lang: string): Reply =>
  reply('location-choose', {
    buttons: [...codes.map((c) => [dataButton(describeRegion(c, lang), `loc:is:${c}`)]), [button('location-button-none-of-these', 'loc:retry')]],
  });

const askConfirm = (code: string, lang: string): Reply =>
  reply('location-confirm', {
    args: { place: describeRegion(code, lang) },
    buttons: [[button('common-button-yes', 'loc:yes'), button('location-button-no-retry', 'loc:retry')]],
  });

function pickList(parent: string | null) {
  return parent === null ? provinces() : childrenOf(parent);
}

/** A municipality has a single city under it: skip the level nobody would choose. */
function descend(code: string): string {
  let current = code;
  for (let kids = childrenOf(current); kids.length === 1; kids = childrenOf(current)) current = kids[0]!.code;
  return current;
}

function askPick(parent: string | null, page: number, lang: string): Reply {
  const list = pickList(parent);
  const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
  const shown = list.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map((r) => dataButton(regionName(r, lang), `loc:pick:${r.code}`));
  const nav: ReplyButton[] = [];
  if (page > 0) nav.push(button('common-button-previous', 'loc:page:prev'));
  if (page < pages - 1) nav.push(button('common-button-more', 'loc:page:next'));
  const extra: ReplyButton[][] = [];
  if (parent !== null && regionByCode(parent)?.level !== 'province') extra.push([button('location-button-whole-city', `loc:is:${parent}`)]);
  return reply(parent === null ? 'location-pick-province' : 'location-pick-below', {
    args: parent === null ? {} : { place: describeRegion(parent, lang) },
    buttons: [...rows(shown, 2), ...(nav.length ? [nav] : []), ...extra, [cancelButton()]],
  });
}

function question(state: LocationState, lang: string): Reply {
  switch (state.step) {
    case 'consent': return askConsent();
    case 'how': return askHow();
    case 'choose': return askChoose(state.codes, lang);
    case 'confirm': return askConfirm(state.code, lang);
    case 'pick': return askPick(state.parent, state.page, lang);
  }
}

function fromText(state: LocationState, text: string, lang: string): StepResult<LocationState> {
  const found = searchRegions(text, 5);
  if (found.length === 0) return { state, replies: [reply('location-not-found'), question(state, lang)] };
  if (found.length === 1) return { state: { step: 'confirm', code: found[0]!.code, source: 'typed' }, replies: [askConfirm(found[0]!.code, lang)] };
  const codes = found.map((r) => r.code);
  return { state: { step: 'choose', codes }, replies: [askChoose(codes, lang)] };
}

function fromPoint(state: LocationState, lat: number, lng: number, lang: string): StepResult<LocationState> {
  const region = regionAtPoint(lat, lng);
  if (!region) return { state, replies: [reply('location-point-unknown'), question(state, lang)] };
  return { state: { step: 'confirm', code: region.code, source: 'shared_point' }, replies: [askConfirm(region.code, lang)] };
}

function start(ctx: FlowContext): StepResult<LocationState> {
  if (ctx.facts.locationConsent !== 'granted') return { state: { step: 'consent' }, replies: [askConsent()] };
  return { state: { step: 'how' }, replies: [askHow()] };
}

export const location: Flow<LocationState> = {
  name: 'location',
  prefix: 'loc',
  start,
  step(state, event, ctx) {
    if (event.kind === 'timeout') return endQuietly();
    const lang = ctx.facts.language;
    const payload = buttonPayload(event);
    if (state.step === 'consent') {
      if (payload === 'loc:consent:yes') {
        return { state: { step: 'how' }, replies: [reply('consent-granted'), askHow()], effects: [{ kind: 'setLocationConsent', granted: true }] };
      }
      if (payload === 'loc:consent:no') {
        return { state: null, replies: [reply('location-without-consent')], effects: [{ kind: 'setLocationConsent', granted: false }] };
      }
      return stayWith(state, askConsent());
    }
    // From here on consent is given. A shared point or a typed name is understood at every step.
    if (event.kind === 'location') return fromPoint(state, event.lat, event.lng, lang);
    const text = textOf(event);
    if (text) return fromText(state, text, lang);
    if (payload === 'loc:pick') return { state: { step: 'pick', parent: null, page: 0 }, replies: [askPick(null, 0, lang)] };
    if (payload === 'loc:retry') return { state: { step: 'how' }, replies: [askHow()] };
    if (payload?.startsWith('loc:is:')) {
      const code = payload.slice('loc:is:'.length);
      if (regionByCode(code)) return { state: { step: 'confirm', code, source: 'picked' }, replies: [askConfirm(code, lang)] };
    }
    if (state.step === 'confirm' && payload === 'loc:yes') {
      return {
        state: null,
        replies: [reply('location-saved', { args: { place: describeRegion(state.code, lang) } })],
        effects: [{ kind: 'recordLocation', regionCode: state.code, source: state.source }],
      };
    }
    if (state.step === 'pick') {
      const pages = Math.max(1, Math.ceil(pickList(state.parent).length / PAGE_SIZE));
      if (payload === 'loc:page:next' && state.page < pages - 1) return { state: { ...state, page: state.page + 1 }, replies: [askPick(state.parent, state.page + 1, lang)] };
      if (payload === 'loc:page:prev' && state.page > 0) return { state: { ...state, page: state.page - 1 }, replies: [askPick(state.parent, state.page - 1, lang)] };
      if (payload?.startsWith('loc:pick:')) {
        const picked = regionByCode(payload.slice('loc:pick:'.length));
        if (picked) {
          const code = descend(picked.code);
          if (childrenOf(code).length === 0) return { state: { step: 'confirm', code, source: 'picked' }, replies: [askConfirm(code, lang)] };
          return { state: { step: 'pick', parent: code, page: 0 }, replies: [askPick(code, 0, lang)] };
        }
      }
    }
    return stayWith(state, question(state, lang));
  },
};
