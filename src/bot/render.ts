import type { Reply } from './flow.js';
import { t, type Language } from './i18n/index.js';
import type { OutgoingMessage } from './types.js';
import { sensitivePartsOf } from './sensitive.js';
import type { StoredMessage } from '../outbox/sensitive.js';

/** Turns a reply into the text and buttons a person reads, in their language; a document passes through. */
export function renderReply(lang: Language, r: Reply): OutgoingMessage {
  const out: OutgoingMessage = { text: t(lang, r.key, r.args), language: lang };
  if (r.buttons?.length) {
    out.buttons = r.buttons.map((row) =>
      row.map((b) => ({ label: 'label' in b ? b.label : t(lang, b.key, b.args), payload: b.payload })),
    );
  }
  if (r.askLocation) out.askLocation = true;
  if (r.expects) out.expects = r.expects;
  if (r.document) out.document = r.document;
  if (r.photo) out.photo = r.photo;
  // Stored with the message in the outbox, so that a secret or a place can be masked there later.
  const sensitive = sensitivePartsOf(lang, r, out);
  if (sensitive) (out as StoredMessage).sensitive = sensitive;
  return out;
}
