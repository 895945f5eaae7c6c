import type { ContactKind } from '../actions/logContact.js';
import { NO_SUCH_ID, parseId } from '../ids.js';

/** '/log 12 visit 在家，身体好' → member 12, a home visit, the note. Chinese words work too (电话, 消息, 走访). */
export function parseLogArgs(arg: string): { memberId: number; kind: ContactKind; note?: string } | undefined {
  const m = /^#?(\d+)\s+(call|message|visit|电话|短信|消息|微信|走访|家访)(?:\s+([\s\S]*))?$/i.exec(arg.trim());
  if (!m) return undefined;
  const word = m[2]!.toLowerCase();
  const kind: ContactKind = word === 'call' || word === '电话' ? 'call' : word === 'visit' || word === '走访' || word === '家访' ? 'visit' : 'message';
  return { memberId: parseId(m[1]) ?? NO_SUCH_ID, kind, ...(m[3]?.trim() ? { note: m[3].trim() } : {}) };
}
