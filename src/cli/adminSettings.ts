import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { organisations } from '../db/schema/index.js';
import {
  effectiveSettings, saveSettings, SETTING_KEYS, SETTING_RANGES, type EffectiveSettings, type SaveRefusal, type SettingChanges, type SettingKey, type SettingOrigin,
} from '../features/settings/index.js';
import { audit, usage, type AdminIo } from './adminIo.js';
import { notFound, orgByWord } from './adminLookup.js';

export const SETTINGS_USAGE = `settings show <组织 org> | settings set <组织 org> <${SETTING_KEYS.join('|')}>=<数 n|inherit> …`;

/** The setting in .env that is the default where no organisation above set its own. */
const DEFAULT_FROM: Record<SettingKey, string> = {
  reminderDay: 'REMINDER_DAY', followUpAfterDays: 'FOLLOW_UP_AFTER_DAYS', liaisonAfterDays: 'LIAISON_AFTER_DAYS', secretaryAfterDays: 'SECRETARY_AFTER_DAYS',
  promptStartHour: 'OFF_PEAK_START_HOUR', promptEndHour: 'OFF_PEAK_END_HOUR', weeklyCap: 'WEEKLY_PROMPT_CAP', evaluationMonth: 'EVALUATION_MONTH',
};

/** Words that put a setting back to following the organisation above. */
const INHERIT = new Set(['inherit', '继承', '-']);

/**
 * `settings show|set`: what an organisation uses (its own, else the nearest above, else the default in .env), each
 * value with where it comes from; `set` changes only the values named, `key=inherit` goes back to the one above.
 * Read and written through the same functions the schedules and the console use (src/features/settings).
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
  let shown: EffectiveSettings;
  if (verb === 'set') {
    const saved = await saveSettings(database.db, org.id, changes, null, io.clock.now(), io.config);
    if (!saved.ok) {
      await audit(database, io, 'settings.set', { orgId: org.id, ...changes, refused: saved.problem });
      io.err.write(await refusal(database, saved));
      return 1;
    }
    shown = saved;
  } else shown = (await effectiveSettings(database.db, org.id, io.config))!;
  await audit(database, io, `settings.${verb}`, { orgId: org.id, ...changes });
  io.out.write(describe(org, shown));
  return 0;
}

function origin(key: SettingKey, from: SettingOrigin, orgId: number): string {
  if (!from) return `默认 default: ${DEFAULT_FROM[key]}`;
  return from.orgId === orgId ? '本组织 own' : `上级 from ${from.name} (id ${from.orgId})`;
}

function describe(org: { id: number; name: string }, s: EffectiveSettings): string {
  const v = s.values;
  return `${org.name} (id ${org.id})\n` +
    SETTING_KEYS.map((k) => `  ${k} = ${v[k]} (${origin(k, s.from[k], org.id)})\n`).join('') +
    `提醒只在 ${v.promptStartHour}:00–${v.promptEndHour}:00（党员当地时间）发出，每人每周最多 ${v.weeklyCap} 次。` +
    ` Prompts reach members only ${v.promptStartHour}:00–${v.promptEndHour}:00 their time, at most ${v.weeklyCap} a week.\n`;
}

async function refusal(database: Database, saved: SaveRefusal): Promise<string> {
  if (saved.problem === 'range') return `${saved.key}: ${saved.min}–${saved.max}\n`;
  if (saved.problem === 'no-org') return notFound('组织 organisation', '', 'none');
  const [where] = await database.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, saved.orgId));
  return `提醒时段为空：${where?.name ?? ''} (id ${saved.orgId}) 将是 ${saved.start}:00–${saved.end}:00，开始须早于结束。` +
    ` The prompt hours would be empty at ${where?.name ?? ''} (id ${saved.orgId}): ${saved.start}:00–${saved.end}:00; the start must come before the end.\n`;
}

function parsePairs(pairs: string[]): SettingChanges | string {
  const out: SettingChanges = {};
  for (const pair of pairs) {
    const [key, value = ''] = pair.split('=');
    if (!Object.hasOwn(SETTING_RANGES, key!)) return `未知设置 unknown setting: ${key}`;
    const range = SETTING_RANGES[key as SettingKey];
    if (INHERIT.has(value)) {
      out[key as SettingKey] = null;
      continue;
    }
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < range[0] || n > range[1]) return `${key}: ${range[0]}–${range[1]}, inherit`;
    out[key as SettingKey] = n;
  }
  return out;
}
