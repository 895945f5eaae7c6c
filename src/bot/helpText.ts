import { reply, type PersonFacts, type Reply } from './flow.js';
import { hasMessage, t } from './i18n/index.js';
import type { CommandInfo } from './registry.js';

/**
 * /help. Members get one plain sentence (buttons do the rest); staff get every tool they have, written from
 * the registry, so a new command is listed the day it is declared.
 */
export function helpText(facts: PersonFacts, commands: readonly CommandInfo[]): Reply {
  if (!facts.isStaff) return reply('help-text');
  const lang = facts.language;
  const lines = commands
    .filter((c) => c.who === 'staff')
    .map((c) => {
      const usage = hasMessage(lang, `cmd-${c.name}-usage`) ? ` ${t(lang, `cmd-${c.name}-usage`)}` : '';
      return `/${c.name}${usage}　${t(lang, `cmd-${c.name}`)}`;
    });
  return reply('help-text-staff', { args: { lines: lines.join('\n') } });
}
