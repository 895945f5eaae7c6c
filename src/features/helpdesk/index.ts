import { reply } from '../../bot/flow.js';
import { staffTextArg } from '../../bot/flows/staffText.js';
import { answer, type Feature, type Outcome, type TurnContext } from '../../bot/registry.js';
import { idOf, NO_SUCH_ID, wordsOf } from '../args.js';
import { handOverRequest, handoverChoices, loadInScope, noteRequest, resolveRequest, takeRequest } from './requests.js';
import { openRequestsReply, requestDetail } from './views.js';

const id = (s: string | undefined) => idOf(s) ?? NO_SUCH_ID;

async function hr(ctx: TurnContext, arg: string): Promise<Outcome> {
  const words = wordsOf(arg);
  const { tx, now } = ctx;
  const staffId = ctx.facts.personId;
  if (words.length === 0) return answer(await openRequestsReply(tx, staffId, ctx.facts.language, now));
  const [requestId, verb, target] = [idOf(words[0]), words[1], idOf(words[2])];
  if (requestId === undefined) return answer([reply('staff-help-usage')]);
  if (verb === undefined) return answer(await requestDetail(tx, staffId, requestId, ctx.facts.language, now));
  if (verb === 'take' || verb === '接办') return answer(await takeRequest(tx, staffId, requestId, now));
  if (verb === 'resolve' || verb === '解决') return answer(await resolveRequest(tx, staffId, requestId, now));
  if ((verb === 'handover' || verb === '转交') && target !== undefined) return answer(await handOverRequest(tx, staffId, requestId, target, now));
  if (verb === 'handover' || verb === '转交') return answer(await handoverChoices(tx, staffId, requestId, now));
  if (verb === 'note' || verb === '备注') {
    if (words.length > 2) return answer(await noteRequest(tx, staffId, requestId, words.slice(2).join(' '), now));
    return startNote(ctx, requestId);
  }
  return answer([reply('staff-help-usage')]);
}

/** "📝 备注": the next message is the note, once the request is known to be in scope. */
async function startNote(ctx: TurnContext, requestId: number): Promise<Outcome> {
  const r = await loadInScope(ctx.tx, ctx.facts.personId, requestId, ctx.now, 'note');
  if (!r) return answer([reply('staff-help-not-found')]);
  return { kind: 'flow', flow: 'staffText', arg: staffTextArg('helpNote', r.id) };
}

/**
 * Help requests (服务) worked by the branch: `/hr` lists the open ones in scope, `/hr 12` shows one in full,
 * and every view carries the buttons to take, note, hand over and resolve; the member confirms or reopens.
 */
export const helpdeskFeature: Feature = {
  name: 'helpdesk',
  commands: [{ name: 'hr', who: 'staff', menu: true, slack: 'sub', run: hr }],
  buttons: [
    {
      pattern: /^hr:(take|resolve):(\d+)$/,
      who: 'staff',
      run: (ctx, m) => (m[1] === 'take' ? takeRequest : resolveRequest)(ctx.tx, ctx.facts.personId, id(m[2]), ctx.now),
    },
    { pattern: /^hr:show:(\d+)$/, who: 'staff', run: (ctx, m) => requestDetail(ctx.tx, ctx.facts.personId, id(m[1]), ctx.facts.language, ctx.now) },
    { pattern: /^hr:note:(\d+)$/, who: 'staff', run: (ctx, m) => startNote(ctx, id(m[1])) },
    { pattern: /^hr:handover:(\d+)$/, who: 'staff', run: (ctx, m) => handoverChoices(ctx.tx, ctx.facts.personId, id(m[1]), ctx.now) },
    { pattern: /^hr:to:(\d+):(\d+)$/, who: 'staff', run: (ctx, m) => handOverRequest(ctx.tx, ctx.facts.personId, id(m[1]), id(m[2]), ctx.now) },
    { pattern: /^hr:list$/, who: 'staff', run: (ctx) => openRequestsReply(ctx.tx, ctx.facts.personId, ctx.facts.language, ctx.now) },
  ],
  effects: {
    helpNote: (ctx, effect) => noteRequest(ctx.tx, ctx.facts.personId, effect.targetId, effect.text, ctx.now),
  },
};
