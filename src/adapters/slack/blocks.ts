import type { Language } from '../../bot/i18n/index.js';
import type { OutgoingMessage } from '../../bot/types.js';
import { languageOfText, slackText } from './texts.js';

/** Block Kit as plain objects: the few shapes this adapter builds and reads back. */
export type TextObject = { type: 'plain_text' | 'mrkdwn'; text: string; emoji?: boolean };
export type ButtonElement = { type: 'button'; action_id: string; text: TextObject; value: string; style?: 'primary' | 'danger' };
export type Block =
  | { type: 'section'; block_id?: string; text: TextObject; accessory?: ButtonElement }
  | { type: 'actions'; block_id?: string; elements: ButtonElement[] }
  | { type: 'context'; block_id?: string; elements: TextObject[] }
  | { type: 'header'; block_id?: string; text: TextObject }
  | { type: 'divider'; block_id?: string }
  | { type: 'input'; block_id: string; label: TextObject; hint?: TextObject; element: Record<string, unknown> };

/** Slack's limits that bite: section text 3000, button label 75, button value 2000, 25 buttons per actions block, 50 blocks. */
export const LIMITS = { sectionText: 3000, buttonText: 75, buttonValue: 2000, buttonsPerBlock: 25, blocks: 50, viewTitle: 24, viewButton: 24 } as const;

/** Every button from the core has this action id prefix; its value is the core's payload. */
export const CHOICE_ACTION = 'choice';
/** Opens the multi-line modal; its value carries what the modal needs (see WriteButtonValue). */
export const WRITE_ACTION = 'write';
export const MULTILINE_CALLBACK = 'multiline';
export const MULTILINE_BLOCK = 'body';
export const MULTILINE_INPUT = 'text';

export interface WriteButtonValue {
  lang: Language;
}

/** What a modal remembers about where it was opened: the DM to answer in, and the message to update. */
export interface ModalMetadata {
  channel: string;
  messageTs?: string;
  lang: Language;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Splits long text at line breaks where possible, so each piece fits a section. */
export function splitText(text: string, max: number = LIMITS.sectionText): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf('\n', max);
    const at = cut > max / 2 ? cut : max;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest.length || out.length === 0) out.push(rest);
  return out;
}

/** mrkdwn needs &, < and > escaped; everything the core sends is plain text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const plain = (text: string): TextObject => ({ type: 'plain_text', text, emoji: true });

/**
 * One OutgoingMessage as Block Kit: the text in sections (plain text, so nothing the core says is read as
 * markup), each row of buttons one actions block, and for a long free-text answer a button that opens a box.
 */
export function renderMessage(message: OutgoingMessage): { text: string; blocks: Block[] } {
  const lang = message.language ?? languageOfText(message.text);
  const blocks: Block[] = splitText(message.text || ' ').map((t) => ({ type: 'section', text: plain(t) }));
  const rows = message.buttons ?? [];
  const extra: ButtonElement[] = [];
  if (message.expects === 'multiline') {
    const value: WriteButtonValue = { lang };
    extra.push({ type: 'button', action_id: WRITE_ACTION, text: plain(slackText(lang, 'slack-write-button')), value: JSON.stringify(value), style: 'primary' });
  }
  if (extra.length) blocks.push({ type: 'actions', block_id: 'write', elements: extra });
  rows.forEach((row, r) => {
    const elements = row.slice(0, LIMITS.buttonsPerBlock).map<ButtonElement>((b, c) => ({
      type: 'button',
      action_id: `${CHOICE_ACTION}:${r}:${c}`,
      text: plain(truncate(b.label, LIMITS.buttonText)),
      value: truncate(b.payload, LIMITS.buttonValue),
    }));
    if (elements.length) blocks.push({ type: 'actions', block_id: `row${r}`, elements });
  });
  if (message.askLocation) blocks.push({ type: 'context', elements: [plain(slackText(lang, 'slack-location-hint'))] });
  // Notifications and screen readers use `text`; the blocks are what people see.
  return { text: truncate(message.text, 4000), blocks: blocks.slice(0, LIMITS.blocks) };
}

/** The message after one of its buttons was pressed: same text, no live buttons, the choice shown. */
export function answeredBlocks(blocks: Block[], note: string): Block[] {
  const kept = blocks.filter((b) => b.type !== 'actions' && !(b.type === 'context' && b.block_id === 'answered'));
  return [...kept, { type: 'context', block_id: 'answered', elements: [plain(truncate(note, 2000))] }];
}

/** A modal with one multi-line box; its submission reaches the core as a text message. */
export function multilineModal(meta: ModalMetadata, prompt: string | undefined): Record<string, unknown> {
  const short = (key: string) => truncate(slackText(meta.lang, key), LIMITS.viewTitle);
  const blocks: Block[] = [];
  if (prompt) blocks.push({ type: 'section', text: plain(truncate(prompt, LIMITS.sectionText)) });
  blocks.push({
    type: 'input',
    block_id: MULTILINE_BLOCK,
    label: plain(slackText(meta.lang, 'slack-modal-label')),
    hint: plain(slackText(meta.lang, 'slack-modal-hint')),
    element: { type: 'plain_text_input', action_id: MULTILINE_INPUT, multiline: true, max_length: 3000, focus_on_load: true },
  });
  return {
    type: 'modal',
    callback_id: MULTILINE_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: plain(short('slack-modal-title')),
    submit: plain(short('slack-modal-submit')),
    close: plain(short('slack-modal-cancel')),
    blocks,
  };
}
