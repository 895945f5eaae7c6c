import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { Clock } from '../bot/clock.js';
import type { ReadinessCheck } from '../http/health.js';
import { migrationsCurrent, outboxBacklog } from './stats.js';

/**
 * Whether each configured platform is connected, as main.ts learns it: Telegram may run degraded (its API did
 * not answer at start) and connect later; Slack connects at start or the process does not run.
 */
export class PlatformStatus {
  private readonly state = new Map<string, { connected: boolean; reason?: string }>();

  configured(platform: string, reason = 'connecting'): void {
    this.state.set(platform, { connected: false, reason });
  }
  connected(platform: string): void {
    this.state.set(platform, { connected: true });
  }
  disconnected(platform: string, reason: string): void {
    this.state.set(platform, { connected: false, reason });
  }
  entries(): [string, { connected: boolean; reason?: string }][] {
    return [...this.state];
  }
}

export interface ReadinessOptions {
  database: Database;
  clock: Clock;
  platforms: PlatformStatus;
  /** The most overdue outbox message may wait this long before the instance counts as not ready. */
  outboxMaxAgeSeconds: number;
}

/** The checks of /readyz: database reachable, migrations current, each configured platform connected, outbox moving. */
export function readinessChecks(opts: ReadinessOptions): ReadinessCheck[] {
  return [
    { name: 'database', check: async () => (await opts.database.db.execute(sql`select 1`), { ok: true }) },
    {
      name: 'migrations',
      check: async () => {
        const m = await migrationsCurrent(opts.database);
        return m.current ? { ok: true } : { ok: false, detail: `missing migrations up to ${m.expected}` };
      },
    },
    {
      name: 'platforms',
      check: async () => {
        const down = opts.platforms.entries().filter(([, s]) => !s.connected);
        return down.length === 0 ? { ok: true } : { ok: false, detail: down.map(([p, s]) => `${p}: ${s.reason ?? 'not connected'}`).join('; ') };
      },
    },
    {
      name: 'outbox',
      check: async () => {
        const late = (await outboxBacklog(opts.database, opts.clock.now())).filter((b) => b.oldestDueSeconds > opts.outboxMaxAgeSeconds);
        return late.length === 0 ? { ok: true } : { ok: false, detail: late.map((b) => `${b.platform}: oldest due ${Math.round(b.oldestDueSeconds)} s ago`).join('; ') };
      },
    },
  ];
}
