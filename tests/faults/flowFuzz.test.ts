import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLOW_NAMES, type FlowEvent } from '../../src/bot/flow.js';
import { flows } from '../../src/bot/flows/index.js';
import { ctx, renderAll } from '../support/facts.js';

/** Payloads real buttons carry, plus junk: random walks hit real transitions as well as nonsense. */
const knownPayloads = [
  'ci:same', 'ci:moved', 'ci:update', 'ci:keep', 'ci:work:working', 'ci:work:seeking', 'ci:work:astronaut', 'ci:diff:yes', 'ci:diff:no', 'ci:study:yes', 'ci:study:no',
  'loc:pick', 'loc:page:next', 'loc:page:prev', 'loc:pick:440000', 'loc:pick:441900', 'loc:pick:110000', 'loc:pick:999999', 'loc:is:441900', 'loc:yes', 'loc:retry', 'loc:consent:yes', 'loc:consent:no',
  'help:cat:wages', 'help:cat:nope', 'help:described', 'help:urgent', 'help:normal', 'help:submit',
  'tr:done', 'tr:more', 'tr:submit', 'consent:yes', 'consent:no', 'consent:withdraw', 'consent:keep', 'lang:en', 'lang:zh-CN', 'lang:fr', 'cancel', '',
];

const event: fc.Arbitrary<FlowEvent> = fc.oneof(
  fc.constantFrom(...knownPayloads).map((payload) => ({ kind: 'button' as const, payload })),
  fc.string({ maxLength: 40 }).map((payload) => ({ kind: 'button' as const, payload })),
  fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('东莞', '深圳南山', '北京', '1', '  ', '老板拖欠工资')).map((text) => ({ kind: 'text' as const, text })),
  fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) }).map((p) => ({ kind: 'location' as const, ...p })),
  fc.string({ minLength: 1, maxLength: 20 }).map((fileRef) => ({ kind: 'file' as const, fileRef })),
  fc.constant({ kind: 'timeout' as const }),
);

const facts = fc.record({
  locationConsent: fc.constantFrom('granted' as const, 'withdrawn' as const, 'never' as const),
  monthlyReportedThisPeriod: fc.boolean(),
  thoughtReportedThisPeriod: fc.boolean(),
  language: fc.constantFrom('zh-CN' as const, 'en' as const),
});

describe('every flow under random input', () => {
  for (const name of FLOW_NAMES) {
    it(`${name}: never throws, always answers, and keeps a state that survives storage`, () => {
      fc.assert(
        fc.property(facts, fc.array(event, { maxLength: 25 }), (f, events) => {
          const c = ctx(f);
          const flow = flows[name];
          let result = flow.start(c);
          renderAll(result.replies);
          let state = result.state;
          for (const e of events) {
            if (state === null) break;
            result = flow.step(state, e, c);
            // Every input but the timeout gets an answer, or an effect whose answer the engine sends.
            if (e.kind !== 'timeout') expect(result.replies.length + (result.effects?.length ?? 0)).toBeGreaterThan(0);
            renderAll(result.replies);
            if (result.state !== null) {
              expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
              expect(typeof (result.state as { step: unknown }).step).toBe('string');
            }
            state = result.state;
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
