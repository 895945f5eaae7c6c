import { SETTING_RANGES, type EffectiveSettings, type SettingKey, type SettingOrigin } from '../../features/settings/index.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';
import type { OrgChoice } from './scopeOrgs.js';

/** What the console sets per organisation: the report cycle, the hours prompts may arrive, the weekly cap, the evaluation month. */
export const EDITABLE: readonly SettingKey[] = ['reminderDay', 'followUpAfterDays', 'liaisonAfterDays', 'secretaryAfterDays', 'promptStartHour', 'promptEndHour', 'weeklyCap', 'evaluationMonth'];
const INDENT = '\u3000';

function origin(ctx: PageContext, from: SettingOrigin, orgId: number): string {
  if (!from) return ctx.t('console-settings-from-default');
  return from.orgId === orgId ? ctx.t('console-settings-from-own') : ctx.t('console-settings-from-above', { org: from.name });
}

export function orgPicker(ctx: PageContext, orgs: OrgChoice[], chosenId: number): Html {
  return html`<form class="filters" method="get" action="/console/settings">
    <label>${ctx.t('console-settings-org')}
      <select name="org">${orgs.map((o) => html`<option value="${o.id}"${o.id === chosenId ? html` selected` : ''}>${INDENT.repeat(o.depth)}${o.name}</option>`)}</select>
    </label>
    <button type="submit">${ctx.t('console-settings-choose')}</button>
  </form>`;
}

function editableRow(ctx: PageContext, s: EffectiveSettings, orgId: number, key: SettingKey): Html {
  const [min, max] = SETTING_RANGES[key];
  const own = s.from[key]?.orgId === orgId;
  const label = ctx.t('console-settings-key', { key });
  return html`<tr>
    <td><label for="set-${key}">${label}</label><span class="muted">${ctx.t('console-settings-range', { min, max })}</span></td>
    <td>${ctx.t('console-settings-value', { key, n: s.values[key] })}</td>
    <td class="settings-from">${origin(ctx, s.from[key], orgId)}</td>
    <td><input id="set-${key}" type="number" inputmode="numeric" name="${key}" min="${min}" max="${max}" step="1" value="${own ? String(s.values[key]) : ''}" placeholder="${s.values[key]}"></td>
  </tr>`;
}

/** The organisation's settings as one form, with where each value in use comes from beside it. */
export function settingsBody(ctx: PageContext, org: { id: number; name: string }, s: EffectiveSettings, problem?: string): Html {
  return html`
    ${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
    <form class="panel" method="post" action="/console/settings/${org.id}">
      ${ctx.csrf}
      <h2>${org.name}</h2>
      <p class="muted">${ctx.t('console-settings-intro')}</p>
      <table class="wide settings">
        <thead><tr><th>${ctx.t('console-settings-col-setting')}</th><th>${ctx.t('console-settings-col-now')}</th><th>${ctx.t('console-settings-col-from')}</th><th>${ctx.t('console-settings-col-own')}</th></tr></thead>
        <tbody>${EDITABLE.map((k) => editableRow(ctx, s, org.id, k))}</tbody>
      </table>
      <p><button type="submit" class="primary">${ctx.t('console-settings-save')}</button></p>
    </form>
    `;
}
