import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Language } from '../../bot/i18n/index.js';
import type { Logger } from '../../logger.js';
import { truncate } from './blocks.js';
import { slackText } from './texts.js';

/**
 * Modals for the staff tools that take several parts (log a contact, compose a broadcast, assign, register a
 * departure). `/staff log` with nothing after it opens the tool's form; its submission becomes the very command
 * text the core parses (`/log 3 call 电话没人接`), so the form adds a way in and no second path through the
 * core. A tool typed with its parts (`/staff log 3 电话 …`) goes to the core as it is.
 */
export type FieldKind = 'word' | 'text' | 'date' | 'choice';

export interface FormField {
  key: string;
  kind: FieldKind;
  optional?: boolean;
  /** For 'choice': the values the core understands; the label is `slack-choice-<value>`. */
  choices?: readonly string[];
}

export interface StaffForm {
  tool: string;
  fields: readonly FormField[];
  /** The command text from the submitted values (missing optional parts left out). */
  text(values: Record<string, string | undefined>): string;
}

const words = (...parts: (string | undefined)[]) => parts.filter((p) => p !== undefined && p !== '').join(' ');

export const STAFF_FORMS: readonly StaffForm[] = [
  {
    tool: 'log',
    fields: [{ key: 'member', kind: 'word' }, { key: 'kind', kind: 'choice', choices: ['call', 'message', 'visit'] }, { key: 'note', kind: 'text', optional: true }],
    text: (v) => `/${words('log', v.member, v.kind, v.note)}`,
  },
  {
    tool: 'broadcast',
    fields: [{ key: 'filter', kind: 'word', optional: true }, { key: 'text', kind: 'text' }],
    text: (v) => `/broadcast ${v.filter ?? ''} | ${v.text ?? ''}`.replace(/ {2,}/g, ' '),
  },
  {
    tool: 'assign',
    fields: [{ key: 'member', kind: 'word' }, { key: 'role', kind: 'choice', choices: ['liaison', 'helper'] }, { key: 'person', kind: 'word' }],
    text: (v) => `/${words('assign', v.member, v.role, v.person)}`,
  },
  {
    tool: 'depart',
    fields: [
      { key: 'member', kind: 'word' }, { key: 'date', kind: 'date' }, { key: 'destination', kind: 'word' },
      { key: 'employer', kind: 'word', optional: true }, { key: 'occupation', kind: 'word', optional: true },
    ],
    text: (v) => `/${words('depart', v.member, v.date, v.destination, v.employer, v.occupation)}`,
  },
];

export const STAFF_FORM_CALLBACK = 'staff_form';
const INPUT = 'value';

interface FormMetadata {
  tool: string;
  channel: string;
  lang: Language;
}

/** The form of a tool typed alone (`/log`, from `/staff log`), if it has one. */
export function formFor(commandText: string): StaffForm | undefined {
  const m = /^\/(\w+)$/.exec(commandText.trim());
  return m ? STAFF_FORMS.find((f) => f.tool === m[1]) : undefined;
}

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });

function elementOf(field: FormField, lang: Language): Record<string, unknown> {
  switch (field.kind) {
    case 'word':
      return { type: 'plain_text_input', action_id: INPUT, max_length: 100 };
    case 'text':
      return { type: 'plain_text_input', action_id: INPUT, multiline: true, max_length: 3000 };
    case 'date':
      return { type: 'datepicker', action_id: INPUT };
    case 'choice':
      return { type: 'static_select', action_id: INPUT, options: (field.choices ?? []).map((c) => ({ text: plain(slackText(lang, `slack-choice-${c}`)), value: c })) };
  }
}

/** The modal of a form, in the person's language. */
export function formView(form: StaffForm, meta: FormMetadata): Record<string, unknown> {
  const short = (key: string) => plain(truncate(slackText(meta.lang, key), 24));
  return {
    type: 'modal',
    callback_id: STAFF_FORM_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: short(`slack-form-${form.tool}`),
    submit: short('slack-modal-submit'),
    close: short('slack-modal-cancel'),
    blocks: form.fields.map((f) => ({
      type: 'input', block_id: f.key, optional: Boolean(f.optional), label: plain(slackText(meta.lang, `slack-field-${f.key}`)), element: elementOf(f, meta.lang),
    })),
  };
}

type StateValue = { value?: string | null; selected_option?: { value: string } | null; selected_date?: string | null };

/** The submitted values as the command text: a one-word part keeps no inner spaces (the core splits on them). */
export function submittedText(form: StaffForm, state: Record<string, Record<string, StateValue>>): string {
  const values: Record<string, string | undefined> = {};
  for (const f of form.fields) {
    const v = state[f.key]?.[INPUT];
    const raw = (v?.selected_option?.value ?? v?.selected_date ?? v?.value ?? '').trim();
    values[f.key] = f.kind === 'word' ? raw.replace(/\s+/g, '') : raw.replace(/\s*\n\s*/g, ' ');
  }
  return form.text(values);
}

/** Opens forms for `/staff <tool>` typed alone, and hands their submissions to the core as the tool's text. */
export class StaffForms {
  constructor(private readonly client: WebClient, private readonly logger: Logger) {}

  async open(form: StaffForm, trigger: string, channel: string, lang: Language): Promise<boolean> {
    try {
      await this.client.views.open({ trigger_id: trigger, view: formView(form, { tool: form.tool, channel, lang }) as never });
      return true;
    } catch (err) {
      this.logger.warn({ platform: 'slack', tool: form.tool, err }, 'staff form not opened');
      return false;
    }
  }

  listen(app: App, handle: (submission: { viewId: string; channel: string; userId: string; text: string }) => Promise<void>): void {
    app.view(STAFF_FORM_CALLBACK, async ({ ack, body, view }) => {
      await ack();
      let meta: FormMetadata | undefined;
      try {
        meta = JSON.parse(view.private_metadata) as FormMetadata;
      } catch {
        return;
      }
      const form = STAFF_FORMS.find((f) => f.tool === meta!.tool);
      if (!form || !meta.channel) return;
      const text = submittedText(form, view.state.values as Record<string, Record<string, StateValue>>);
      await handle({ viewId: view.id, channel: meta.channel, userId: body.user.id, text });
    });
  }
}
