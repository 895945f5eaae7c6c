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
    expect(shown.out).toContain('  reminderDay = 10\n');
    expect(shown.out).toContain('  evaluationMonth = 12\n');
    expect(shown.out).toContain('  weeklyCap = 2 ');

    const set = await admin(env, 'settings', 'set', '城关镇党委', 'reminderDay=15', 'evaluationMonth=11');
    expect(set.code).toBe(0);
    expect(set.out).toContain('  reminderDay = 15\n');
    expect(set.out).toContain('  followUpAfterDays = 5\n');
    expect((await admin(env, 'settings', 'set', '城关镇党委', 'reminderDay=31')).code).toBe(2);
    expect((await admin(env, 'settings', 'set', '城关镇党委', 'weeklyCap=5')).err).toContain('global setting: weeklyCap');
    expect((await admin(env, 'settings', 'show', '没有的组织')).code).toBe(1);

    // The branch below follows the township, as the monthly chase and the evaluation prompts read it.
    expect((await admin(env, 'settings', 'show', '幸福村党支部')).out).toContain('  reminderDay = 15\n');
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
});
