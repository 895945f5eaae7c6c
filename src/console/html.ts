/**
 * Server-rendered HTML that escapes by default: every value put into an `html` template is escaped unless it
 * is itself `Html` (another template, or `raw` for markup the code wrote). A member's name or a help text
 * holding `<script>` is shown as text, whatever page it reaches.
 */
const HTML = Symbol('html');

export interface Html {
  readonly [HTML]: true;
  readonly text: string;
}

const made = (text: string): Html => ({ [HTML]: true, text });

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function isHtml(value: unknown): value is Html {
  return typeof value === 'object' && value !== null && (value as { [HTML]?: unknown })[HTML] === true;
}

function piece(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (isHtml(value)) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1]!;
  return made(out);
}

/** Markup the code itself wrote (never anything a person typed). */
export function raw(text: string): Html {
  return made(text);
}

export const EMPTY = made('');
