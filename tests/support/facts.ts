import type { FlowContext, FlowEvent, PersonFacts, Reply } from '../../src/bot/flow.js';
import { renderReply } from '../../src/bot/render.js';

export const NOW = new Date('2026-11-10T08:00:00Z');

export function facts(over: Partial<PersonFacts> = {}): PersonFacts {
  return {
    personId: 1,
    language: 'zh-CN',
    timezone: 'Asia/Shanghai',
    isMember: true,
    isStaff: false,
    locationConsent: 'granted',
    lastRegionCode: undefined,
    monthlyReportedThisPeriod: false,
    thoughtReportedThisPeriod: false,
    openHelpRequests: [],
    ...over,
  };
}

export function ctx(over: Partial<PersonFacts> = {}): FlowContext {
  return { now: NOW, facts: facts(over) };
}

export const text = (t: string): FlowEvent => ({ kind: 'text', text: t });
export const tap = (payload: string): FlowEvent => ({ kind: 'button', payload });
export const point = (lat: number, lng: number): FlowEvent => ({ kind: 'location', lat, lng });
export const file = (fileRef: string): FlowEvent => ({ kind: 'file', fileRef, mime: 'image/jpeg' });

/** Every payload offered by a set of replies. */
export function payloads(replies: Reply[]): string[] {
  return replies.flatMap((r) => (r.buttons ?? []).flat().map((b) => b.payload));
}

/** Renders in both languages: a missing catalogue key or a bad argument fails the test. */
export function renderAll(replies: Reply[]): string[] {
  return replies.flatMap((r) => [renderReply('zh-CN', r).text, renderReply('en', r).text]);
}

/** Inputs a member might send that no step expects. */
export const NONSENSE: FlowEvent[] = [
  text('ok lah'),
  text('???'),
  tap('zz:unknown'),
  { kind: 'file', fileRef: 'F1' },
  point(0, 0),
];
