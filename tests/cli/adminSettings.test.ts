import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, organisations } from '../../src/db/schema/index.js';
import { loadConfig } from '../../src/config.js';
import { cycleResolver } from '../../src/schedules/settings.js';
import { evaluationMonthResolver } from '../../src/schedules/evaluation.js';
import { admin, seeded, withData } from './adminSupport.js';

const dir = mkdtempSync(join(tmpdir(), 'bot-admin-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('admin settings show|set (PGlite)', () => {
  const dataDir = join(dir, 'data');
  const env = { DATA_DIR: dataDir, WEEKLY_PROMPT_CAP: '2' };

  it('shows the defaults, sets a township’s cycle that its branch then follows in the schedules, and audits ids only', async () => {
    await seeded(dataDir);
    const shown = await admin(env, 'settings', 'show', '幸福村党支部');
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('  reminderDay = 10 (默认 default: REMINDER_DAY)\n');
    expect(shown.out).toContain('  evaluationMonth = 12 (默认 default: EVALUATION_MONTH)\n');
    expect(shown.out).toContain('  weeklyCap = 2 (默认 default: WEEKLY_PROMPT_CAP)\n');

    const set = await admin(env, 'settings', 'set', '城关镇党委', 'reminderDay=15', 'evaluationMonth=11');
    expect(set.code).toBe(0);
    expect(set.out).toContain('  reminderDay = 15 (本组织 own)\n');
    expect(set.out).toContain('  followUpAfterDays = 5 (默认 default: FOLLOW_UP_AFTER_DAYS)\n');
    expect((await admin(env, 'settings', 'set', '城关镇党委', 'reminderDay=31')).code).toBe(2);
    expect((await admin(env, 'settings', 'set', '城关镇党委', 'quietHours=5')).err).toContain('unknown setting: quietHours');
    expect((await admin(env, 'settings', 'show', '没有的组织')).code).toBe(1);

    // The branch below follows the township, as the monthly chase and the evaluation prompts read it.
    const township = await withData(dataDir, async (d) => (await d.db.select().from(organisations)).find((o) => o.name === '城关镇党委')!.id);
    expect((await admin(env, 'settings', 'show', '幸福村党支部')).out).toContain(`  reminderDay = 15 (上级 from 城关镇党委 (id ${township}))\n`);
    await withData(dataDir, async (d) => {
      const [branch] = (await d.db.select().from(organisations)).filter((o) => o.name === '幸福村党支部');
      expect((await cycleResolver(d.db, loadConfig({})))(branch!.path)).toEqual({ reminderDay: 15, followUpAfterDays: 5, liaisonAfterDays: 3, secretaryAfterDays: 5 });
      expect((await evaluationMonthResolver(d.db, 12))(branch!.path)).toBe(11);
      const audits = await d.db.select().from(auditLog).orderBy(asc(auditLog.id));
      expect(audits.map((a) => a.action)).toEqual(['admin.settings.show', 'admin.settings.set', 'admin.settings.show', 'admin.settings.show']);
      expect(audits[1]!.details).toMatchObject({ via: 'admin-cli', reminderDay: 15, evaluationMonth: 11 });
      for (const a of audits) expect(JSON.stringify(a.details)).not.toMatch(/[\u4e00-\u9fff]/);
    });
  }, 180_000);

  it('sets prompt hours and the weekly cap per organisation: the branch narrows the township’s, inherit undoes it, an empty window is refused', async () => {
    const set = await admin(env, 'settings', 'set', '城关镇党委', 'promptStartHour=8', 'promptEndHour=21', 'weeklyCap=2');
    expect(set.code).toBe(0);
    expect(set.out).toContain('  promptStartHour = 8 (本组织 own)\n');
    expect(set.out).toContain('提醒只在 8:00–21:00（党员当地时间）发出，每人每周最多 2 次。');

    const narrower = await admin(env, 'settings', 'set', '幸福村党支部', 'promptStartHour=18', 'weeklyCap=1');
    expect(narrower.out).toContain('  promptStartHour = 18 (本组织 own)\n');
    expect(narrower.out).toMatch(/ {2}promptEndHour = 21 \(上级 from 城关镇党委 \(id \d+\)\)\n/);
    expect(narrower.out).toContain('  weeklyCap = 1 (本组织 own)\n');
    // Its report cycle was not touched: still the township's.
    expect(narrower.out).toMatch(/ {2}reminderDay = 15 \(上级 from 城关镇党委/);

    // The township may not end its hours before the branch's own start: nothing is written.
    const refused = await admin(env, 'settings', 'set', '城关镇党委', 'promptEndHour=17');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('幸福村党支部');
    expect(refused.err).toContain('18:00–17:00');
    expect((await admin(env, 'settings', 'show', '城关镇党委')).out).toContain('  promptEndHour = 21 (本组织 own)\n');

    const undone = await admin(env, 'settings', 'set', '幸福村党支部', 'weeklyCap=inherit');
    expect(undone.out).toMatch(/ {2}weeklyCap = 2 \(上级 from 城关镇党委/);
    expect(undone.out).toContain('  promptStartHour = 18 (本组织 own)\n');
    expect((await admin(env, 'settings', 'set', '幸福村党支部', 'promptEndHour=25')).code).toBe(2);

    await withData(dataDir, async (d) => {
      const audits = (await d.db.select().from(auditLog).orderBy(asc(auditLog.id))).filter((a) => a.action === 'admin.settings.set').slice(-4);
      expect(audits.map((a) => a.details)).toEqual([
        expect.objectContaining({ promptStartHour: 8, promptEndHour: 21, weeklyCap: 2 }),
        expect.objectContaining({ promptStartHour: 18, weeklyCap: 1 }),
        expect.objectContaining({ promptEndHour: 17, refused: 'window' }),
        expect.objectContaining({ weeklyCap: null }),
      ]);
    });
  }, 180_000);
});
