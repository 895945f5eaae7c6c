import type { PersonFacts, Reply } from '../../src/bot/flow.js';
import { commandInfo, createRegistry } from '../../src/bot/registry.js';
import { refusal } from '../../src/bot/turn/route.js';
import type { DbOrTx } from '../../src/db/client.js';
import { loadConfig } from '../../src/config.js';
import { allFeatures } from '../../src/features/index.js';

const registry = createRegistry(allFeatures(loadConfig({})));

/** The commands the real registry declares, for tests that stand a recording core in front of an adapter. */
export const declaredCommands = commandInfo(registry);

/** Runs one declared command as the router would (its guard first), outside any conversation. */
export async function runDeclaredCommand(tx: DbOrTx, facts: PersonFacts, name: string, arg: string, now: Date): Promise<Reply[]> {
  const spec = registry.command(name);
  if (!spec) throw new Error(`no command /${name}`);
  const refused = refusal(spec.who, facts);
  if (refused) return refused;
  const outcome = await spec.run({ tx, facts, now, platform: 'terminal', current: undefined, commands: registry.commands }, arg);
  return outcome.kind === 'flow' ? [] : outcome.replies;
}

/** Presses one declared stand-alone button as the router would (its guard first); a button that starts a conversation answers `(flow)`. */
export async function runDeclaredButton(tx: DbOrTx, facts: PersonFacts, payload: string, now: Date): Promise<Reply[]> {
  const found = registry.button(payload);
  if (!found) throw new Error(`no button ${payload}`);
  const refused = refusal(found.spec.who, facts);
  if (refused) return refused;
  const out = await found.spec.run({ tx, facts, now, platform: 'terminal', current: undefined, commands: registry.commands }, found.match);
  if (Array.isArray(out)) return out;
  return out.kind === 'flow' ? [{ key: '(flow)' }] : out.replies;
}

/** Presses a stand-alone button as the router would (its guard first); undefined when no feature declares it. */
export async function pressDeclaredButton(tx: DbOrTx, facts: PersonFacts, payload: string, now: Date): Promise<Reply[] | undefined> {
  const found = registry.button(payload);
  if (!found) return undefined;
  return runDeclaredButton(tx, facts, payload, now);
}
