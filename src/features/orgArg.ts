import { reply } from '../bot/flow.js';
import { answer, type CommandSpec } from '../bot/registry.js';
import { organisationNamed } from './access/byName.js';
import { idOf, wordsOf } from './args.js';

/** Where in a command's words its organisation stands: the whole token, and the organisation word in it. */
export type OrgWordPicker = (arg: string) => { token: string; word: string } | undefined;

/** The `n`th word (from 0), not counting words `skip` says are something else (a year: `2026年`). */
export function orgWordAt(n: number, skip: (word: string) => boolean = () => false): OrgWordPicker {
  return (arg) => {
    const word = wordsOf(arg).filter((w) => !skip(w))[n];
    return word === undefined ? undefined : { token: word, word };
  };
}

/** `org=幸福村党支部` (or 组织=…) among audience conditions, before the `|` that starts a notice's text. */
export const orgCondition: OrgWordPicker = (arg) => {
  for (const token of wordsOf(arg.split('|')[0] ?? '')) {
    const m = /^(?:org|组织)[=＝:：](.+)$/i.exec(token);
    if (m) return { token, word: m[1]! };
  }
  return undefined;
};

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Staff name an organisation the way people do, by its full name (`/stats 幸福村党支部`); a number is still
 * an id. The name is looked up among the organisations the person runs (byName.ts): one match runs the
 * command with its number in the name's place; several are the `staff-org-ambiguous` answer; none, or only
 * outside scope, is the same answer as a name nobody has.
 */
export function takesOrg(spec: CommandSpec, pick: OrgWordPicker): CommandSpec {
  return {
    ...spec,
    run: async (ctx, arg) => {
      const found = pick(arg);
      if (!found || idOf(found.word) !== undefined) return spec.run(ctx, arg);
      const org = await organisationNamed(ctx.tx, found.word, ctx.facts.personId);
      if (org === 'many') return answer([reply('staff-org-ambiguous', { args: { name: found.word } })]);
      if (!org) return answer([reply('staff-no-such-org', { args: { word: found.word } })]);
      const token = found.token.slice(0, found.token.length - found.word.length) + `#${org.id}`;
      return spec.run(ctx, arg.replace(new RegExp(`(^|\\s)${escaped(found.token)}(?=\\s|\\||$)`), (_m, lead: string) => `${lead}${token}`));
    },
  };
}
