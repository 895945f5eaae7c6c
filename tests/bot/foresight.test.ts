import { describe, expect, it } from 'vitest';
import { Foresight, type StampedRow } from '../../src/bot/turn/foresight.js';
import type { PendingSave, StoredConversation } from '../../src/bot/conversation.js';
import type { Incoming } from '../../src/bot/types.js';

const at = new Date('2026-12-01T06:00:00Z');
const from = (userId: string, over: Partial<Incoming> = {}): Incoming => ({ platform: 'telegram', updateId: '1', chatId: userId, chatKind: 'private', userId, body: { kind: 'text', text: '/menu' }, ...over });

/** A member's reading as bot_turn_once answers it. */
function reading(over: Partial<StampedRow> = {}): StampedRow {
  return {
    fresh: true, identity_id: 7, identity_chat_id: '42', identity_person_id: 3, failed_code_attempts: 0, code_locked_until: null,
    unreachable_since: null, linked_at: '2026-11-01T00:00:00+00:00', identity_timezone: null, last_seen_at: null,
    identity_created_at: '2026-11-01T00:00:00+00:00', person_found: true, person_language: 'zh-CN', person_timezone: 'Asia/Shanghai',
    is_member: true, is_staff: false, is_laid_off: false, granted_at: null, withdrawn_at: null, last_region_code: null,
    reported_months: null, reported_quarters: null, open_help: [{ id: 5, category: 'job', status: 'open' }],
    conversation_flow: 'checkIn', conversation_state: { s: { step: 'same' }, queue: [], offered: [], wantsText: false }, conversation_version: 2,
    stamp: 'abc', ...over,
  } as StampedRow;
}

const conversation = (version: number): StoredConversation => ({ flow: 'checkIn', state: { step: 'same' }, queue: [], version });
const save = (previous: StoredConversation | undefined, next: Omit<StoredConversation, 'version'> | undefined): PendingSave => ({ personId: 3, previous, next, timeoutAt: at });

describe('what the bot foresees a turn will read', () => {
  it('foresees an account it has never seen as a first contact, and nothing in a group', () => {
    const f = new Foresight();
    const first = f.foresee(from('42', { timezone: 'Asia/Urumqi' }), at)!;
    expect(first.expect).toEqual({ kind: 'unlinked' });
    expect(first.row).toMatchObject({ identity_person_id: null, identity_chat_id: '42', identity_timezone: 'Asia/Urumqi', conversation_flow: null });
    expect(f.foresee(from('42', { chatKind: 'group', chatId: '-100' }), at)).toBeUndefined();
  });

  it("remembers a member's reading with the conversation as the turn wrote it, one version on", () => {
    const f = new Foresight();
    f.remember(from('42'), reading(), save(conversation(2), { flow: 'checkIn', state: { step: 'work' }, queue: [] }), false, at);
    const next = f.foresee(from('42'), at)!;
    expect(next.expect).toEqual({ kind: 'linked', stamp: 'abc', flow: 'checkIn', version: 3, state: { s: { step: 'work' }, queue: [], offered: [], wantsText: false } });
    // A conversation ended: none expected.
    f.advance(from('42'), save(conversation(3), undefined), false, at);
    expect(f.foresee(from('42'), at)!.expect).toEqual({ kind: 'linked', stamp: 'abc', flow: null, version: null, state: null });
    // Started again: version 1.
    f.advance(from('42'), save(undefined, { flow: 'help', state: {}, queue: [] }), false, at);
    expect(f.foresee(from('42'), at)!.expect).toMatchObject({ flow: 'help', version: 1 });
  });

  it('keeps what it remembers, and what it expects, as read: the step may change the copy it is given', () => {
    const f = new Foresight();
    f.remember(from('42'), reading(), undefined, false, at);
    const given = f.foresee(from('42'), at)!;
    (given.row.open_help as { id: number }[]).push({ id: 99 });
    (given.row.conversation_state as { s: { step: string } }).s.step = 'changed in passing';
    expect(given.expect).toMatchObject({ state: { s: { step: 'same' } } });
    const again = f.foresee(from('42'), at)!;
    expect(again.row.open_help).toEqual([{ id: 5, category: 'job', status: 'open' }]);
    expect(again.row.conversation_state).toEqual({ s: { step: 'same' }, queue: [], offered: [], wantsText: false });
  });

  it('foresees nothing of a member after a turn with effects, after ten minutes, or for a reading it was not given whole', () => {
    const f = new Foresight();
    f.remember(from('42'), reading(), undefined, true, at);
    expect(f.foresee(from('42'), at)!.expect).toEqual({ kind: 'unlinked' });
    f.remember(from('42'), reading(), undefined, false, at);
    expect(f.foresee(from('42'), new Date(at.getTime() + 9 * 60_000))!.expect.kind).toBe('linked');
    expect(f.foresee(from('42'), new Date(at.getTime() + 10 * 60_000))!.expect.kind).toBe('unlinked');
    const { stamp: _none, ...unstamped } = reading();
    f.remember(from('43'), unstamped as StampedRow, undefined, false, at);
    f.remember(from('44'), reading({ identity_person_id: null }), undefined, false, at);
    expect(f.size).toBe(0);
    expect(f.keep(unstamped as StampedRow)).toBeUndefined();
    const kept = f.keep(reading())!;
    expect(kept).toEqual(reading());
    expect(kept.open_help).not.toBe(reading().open_help);
  });

  it('remembers 5,000 members at most, forgetting the one it heard from longest ago', () => {
    const f = new Foresight();
    for (let i = 0; i < 5_001; i++) f.remember(from(String(i)), reading(), undefined, false, at);
    expect(f.size).toBe(5_000);
    expect(f.foresee(from('0'), at)!.expect.kind).toBe('unlinked');
    expect(f.foresee(from('1'), at)!.expect.kind).toBe('linked');
  });
});
