import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from '../db/client.js';
import type { Job } from '../schedules/coordinator.js';

export interface BackupSettings {
  dir: string;
  keep: number;
  hourUtc: number;
}

export function backupSettings(config: { DATA_DIR: string; BACKUP_DIR?: string | undefined; BACKUP_KEEP: number; BACKUP_HOUR_UTC: number }): BackupSettings {
  return { dir: resolve(config.BACKUP_DIR ?? join(config.DATA_DIR, 'backups')), keep: config.BACKUP_KEEP, hourUtc: config.BACKUP_HOUR_UTC };
}

/** On PostgreSQL the server's own tools back up: pg_dump (docs/deploy.md). */
export class BackupNotHereError extends Error {
  override name = 'BackupNotHereError';
  constructor() {
    super('The database is PostgreSQL (DATABASE_URL): back it up with pg_dump, see docs/deploy.md.');
  }
}

const BACKUP_NAME = /^liandang-\d{8}T\d{6}Z\.tar\.gz$/;

/** A file name that sorts by time: liandang-20261130T190000Z.tar.gz. */
export function backupName(now: Date): string {
  return `liandang-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}.tar.gz`;
}

/**
 * Dumps the embedded database (PGlite's own dump of its data directory, taken while it runs) into the backup
 * folder, then deletes all but the newest `keep`. Written under a temporary name first: a half-written file is
 * never taken for a backup.
 */
export async function backupDatabase(database: Database, settings: BackupSettings, now: Date): Promise<{ file: string; bytes: number; removed: number }> {
  if (!database.dumpDataDir) throw new BackupNotHereError();
  const dump = Buffer.from(await (await database.dumpDataDir()).arrayBuffer());
  mkdirSync(settings.dir, { recursive: true });
  const file = join(settings.dir, backupName(now));
  writeFileSync(`${file}.partial`, dump);
  renameSync(`${file}.partial`, file);
  const old = backupsIn(settings.dir).slice(settings.keep);
  for (const name of old) rmSync(join(settings.dir, name));
  return { file, bytes: dump.length, removed: old.length };
}

/** The backups in `dir`, newest first. */
export function backupsIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => BACKUP_NAME.test(n)).sort().reverse();
  } catch {
    return [];
  }
}

/** The nightly backup, run through the job coordinator like every schedule. */
export function backupJob(database: Database, settings: BackupSettings): Job {
  return {
    name: 'backup',
    every: { dailyAtUtcHour: settings.hourUtc },
    run: async (_db, now) => {
      const done = await backupDatabase(database, settings, now);
      return { bytes: done.bytes, removed: done.removed };
    },
  };
}
