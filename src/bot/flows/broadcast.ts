import { button, buttonPayload, cancelButton, endQuietly, reply, stayWith, type Flow, type Reply } from '../flow.js';

/**
 * A secretary's notice to an audience: the bot shows how many it will reach and the text, and sends only
 * on a tap. The audience filter is kept as typed, and counted again when sent.
 */
export type BroadcastState = { step: 'confirm'; filter: string; text: string; members: number; reachable: number; urgent?: boolean };

const ask = (s: BroadcastState): Reply =>
  reply('broadcast-confirm', {
    args: { members: s.members, reachable: s.reachable, text: s.text, pacing: s.urgent ? 'urgent' : 'paced' },
    buttons: [[button('broadcast-button-send', 'bc:send')], [cancelButton()]],
  });

export const broadcast: Flow<BroadcastState> = {
  name: 'broadcast',
  prefix: 'bc',
  start(_ctx, arg) {
    // The engine passes the counted preview as JSON; anything else is a usage mistake.
    try {
      const s = JSON.parse(arg ?? '') as Omit<BroadcastState, 'step'>;
      if (typeof s.text !== 'string' || !s.text.trim()) throw new Error('no text');
      const state: BroadcastState = { step: 'confirm', filter: String(s.filter ?? ''), text: s.text.trim(), members: Number(s.members), reachable: Number(s.reachable), urgent: s.urgent === true };
      if (state.members === 0) return { state: null, replies: [reply('broadcast-nobody')] };
      return { state, replies: [ask(state)] };
    } catch {
      return { state: null, replies: [reply('broadcast-usage')] };
    }
  },
  step(state, event) {
    if (event.kind === 'timeout') return endQuietly();
    if (buttonPayload(event) === 'bc:send') {
      return { state: null, replies: [], effects: [{ kind: 'sendBroadcast', filter: state.filter, text: state.text }] };
    }
    return stayWith(state, ask(state));
  },
};
