import type { Database } from '../db/client.js';
import type { CycleDays } from '../schedules/settings.js';
import { effectiveSettings, saveSettings } from '../features/settings/index.js';
import { audit, usage, type AdminIo } from './adminIo.js';
import { notFound, orgByWord } from './adminLookup.js';

/** What an organisation may set for itself, and the range each takes (as the defaults in config.ts). */
const KEYS: Record<string, [number, number]> = {
  reminderDay: [1, 28], followUpAfterDays: [1, 20], liaisonAfterDays: [0, 20], secretaryAfterDays: [0, 20], evaluationMonth: [1, 12],
};

export const SETTINGS_USAGE = `settings show <组织 org> | settings set <组织 org> <${Object.keys(KEYS).join('|')}>=<数 n> …`;

/**
 * `settings show|set`: the report cycle and evaluation month an organisation uses (its own, else the nearest above,
 * else the defaults), read through the same resolvers the schedules use. Quiet hours and the weekly cap are one
 * setting for every organisation (OFF_PEAK_*, WEEKLY_PROMPT_CAP): shown, set in the environment.
 */
export async function settings(io: AdminIo, database: Database, args: string[]): Promise<number> {
  const [verb, orgWord, ...pairs] = args;
  if (!orgWord || !(verb === 'show' ? pairs.length === 0 : verb === 'set' && pairs.length > 0)) return usage(io, SETTINGS_USAGE);
  const changes = verb === 'set' ? parsePairs(pairs) : {};
  if (typeof changes === 'string') return usage(io, `${changes}\n${SETTINGS_USAGE}`);
  const org = await orgByWord(database.db, orgWord);
  if (typeof org === 'string') {
    await audit(database, io, `settings.${verb}`, { refused: `org ${org}` });
    io.err.write(notFound('组织 organisation', orgWord, org));
    return 1;
  }
  if (verb === 'set') await saveSettings(database.db, org.id, changes, null, io.clock.now(), io.config);
  await audit(database, io, `settings.${verb}`, { orgId: org.id, ...changes });
  const now = await effective(io, database, org.id);
  const c = io.config;
  io.out.write(
    `${org.name} (id ${org.id})\n` +
      Object.entries(now).map(([k, v]) => `  ${k} = ${v}\n`).join('') +
      `  promptHours = ${c.OFF_PEAK_START_HOUR}:00–${c.OFF_PEAK_END_HOUR}:00 提醒只在此时段（党员当地时间）发出，其余为免打扰 prompts go out only then, member's local time (OFF_PEAK_START_HOUR, OFF_PEAK_END_HOUR; 全部组织 all organisations)\n` +
      `  weeklyCap = ${c.WEEKLY_PROMPT_CAP} (WEEKLY_PROMPT_CAP; 全部组织 all organisations)\n`,
  );
  return 0;
}

type Effective = CycleDays & { evaluationMonth: number };

function parsePairs(pairs: string[]): Partial<Effective> | string {
  const out: Record<string, number> = {};
  for (const pair of pairs) {
    const [key, value] = pair.split('=');
    const range = KEYS[key ?? ''];
    if (!range) return `未知或全局设置 unknown or global setting: ${key}`;
    const n = Number(value);
    if (!Number.isInteger(n) || n < range[0] || n > range[1]) return `${key}: ${range[0]}–${range[1]}`;
    out[key!] = n;
  }
  return out;
}

/** Read and written through src/features/settings, as the console does. */
async function effective(io: AdminIo, database: Database, orgId: number): Promise<Effective> {
  const { reminderDay, followUpAfterDays, liaisonAfterDays, secretaryAfterDays, evaluationMonth } = (await effectiveSettings(database.db, orgId, io.config))!.values;
  return { reminderDay, followUpAfterDays, liaisonAfterDays, secretaryAfterDays, evaluationMonth };
}
