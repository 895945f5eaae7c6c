import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Logger } from './logger.js';
import type { Clock } from './bot/clock.js';
import type { Core } from './bot/core.js';
import { createEngine } from './bot/engine.js';
import { tellLiaisonUnreachable } from './bot/unreachable.js';
import { accountLanguage, applyPlatformEvent } from './bot/platformEvents.js';
import { withFallbacks } from './bot/port.js';
import { sanitiseIncoming } from './bot/sanitise.js';
import { commandInfo, createRegistry } from './bot/registry.js';
import type { Platform, SendOutcome, Transport } from './bot/types.js';
import { homeViewOf } from './bot/views/homeView.js';
import { logContactPayload } from './features/caseload/contacts.js';
import { rollupSummaries } from './features/rollups/index.js';
import { allFeatures } from './features/index.js';
import { reportEndedNotices } from './features/broadcasts/report.js';
import type { FileFetcher } from './roster/chatImport.js';
import { RosterImportRunner } from './roster/jobs.js';
import { setMembersFirst, UpdatesInFlight } from './roster/quiet.js';
import { OutboxSender, type SenderOptions } from './outbox/sender.js';
import { limitsFromConfig } from './outbox/rateLimits.js';
import type { WorkObserver } from './ops/metrics.js';

export interface BotOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** Overrides how the core downloads files people send (tests); by default each platform's `fetchFile`. */
  files?: FileFetcher;
  sender?: Partial<Pick<SenderOptions, 'limits' | 'batchSize' | 'leaseMs' | 'inFlight' | 'pollMs' | 'horizonMs' | 'instanceId'>>;
  /** Told of every update handled and every send (the metrics). */
  observe?: WorkObserver;
}

/** The core and its outbox, with nothing platform-specific: main.ts and the tests both build the bot this way. */
export function createBot(opts: BotOptions) {
  const sender = new OutboxSender({
    database: opts.database,
    clock: opts.clock,
    logger: opts.logger,
    maxAttempts: opts.config.OUTBOX_MAX_ATTEMPTS,
    inFlight: opts.config.OUTBOX_IN_FLIGHT,
    leaseMs: opts.config.OUTBOX_LEASE_SECONDS * 1000,
    limits: limitsFromConfig(opts.config),
    onUnreachable: tellLiaisonUnreachable,
    // A notice whose last message was just sent or failed: its sender is told how it went (once, by its key).
    onBroadcastRows: async (ids) => {
      await reportEndedNotices(opts.database.db, opts.clock.now(), ids);
    },
    onChatMoved: (platform, from, to) => applyPlatformEvent(opts.database, opts.clock, opts.logger, { kind: 'chat-moved', platform, from, to }),
    ...opts.sender,
  });
  // The ports adapters registered, as the core uses them: with the fallbacks for what a platform lacks.
  const ports = new Map<Platform, Transport>();
  // Files people send are downloaded by their platform's port; a platform without the capability hands none in.
  const files: FileFetcher = opts.files ?? {
    async fetch(platform, fileRef) {
      const port = ports.get(platform);
      if (!port?.fetchFile) throw new Error(`no file downloads on ${platform}`);
      return port.fetchFile(fileRef);
    },
  };
  const registry = createRegistry(allFeatures(opts.config, files));
  // Roster files sent in chat are imported in the background (a job table), pausing between chunks while
  // members' updates are being handled; main.ts starts and stops it.
  const updates = new UpdatesInFlight();
  setMembersFirst(() => updates.quiet());
  const rosterImports = new RosterImportRunner({ database: opts.database, clock: opts.clock, logger: opts.logger, files, onQueued: () => sender.kick(), quiet: () => updates.quiet() });
  const engine = createEngine({
    database: opts.database,
    clock: opts.clock,
    logger: opts.logger,
    config: opts.config,
    registry,
    onQueued: () => {
      sender.kick();
      rosterImports.kick();
    },
  });
  const core: Core = {
    commands: commandInfo(registry),
    // Everything an adapter hands in is normalised once, here, before the core sees it.
    handle: (incoming) => updates.track(() => observed(opts.observe, incoming.platform, () => engine.handle(sanitiseIncoming(incoming)))),
    registerTransport(transport) {
      const port = observedPort(withFallbacks(transport), opts.observe);
      ports.set(transport.platform, port);
      sender.register(port);
    },
    kick: () => sender.kick(),
    // The buttons of a caseload line belong to the caseload feature, the township and county figures to the rollups
    // feature; the core only lays out the read models.
    homeView: (platform, userId) =>
      homeViewOf(opts.database.db, platform, userId, opts.clock.now(), {
        reportDueDay: opts.config.REPORT_DUE_DAY,
        contactPayload: logContactPayload,
        precomputedSummaries: (db, staffId, now) => rollupSummaries(db, staffId, now, opts.config.DEFAULT_TIMEZONE),
      }),
    platformEvent: (event) => applyPlatformEvent(opts.database, opts.clock, opts.logger, event),
    languageOf: (platform, userId) => accountLanguage(opts.database.db, platform, userId),
  };
  return { core, engine, sender, registry, ports, rosterImports, files };
}

export type Bot = ReturnType<typeof createBot>;

/** Times one update and tells the observer how it ended ('error' when handling threw). */
async function observed<T extends { status: string }>(observer: WorkObserver | undefined, platform: string, handle: () => Promise<T>): Promise<T> {
  if (!observer) return handle();
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await handle();
    observer.update(platform, result.status, seconds());
    return result;
  } catch (err) {
    observer.update(platform, 'error', seconds());
    throw err;
  }
}

/** The same port, with each send's and edit's outcome told to the observer. */
function observedPort(port: Transport, observer: WorkObserver | undefined): Transport {
  if (!observer) return port;
  const tell = async (sending: Promise<SendOutcome>) => {
    const outcome = await sending;
    observer.send(port.platform, outcome);
    return outcome;
  };
  const wrapped: Transport = { ...port, send: (chat, message) => tell(port.send(chat, message)) };
  if (port.edit) wrapped.edit = (chat, id, message) => tell(port.edit!(chat, id, message));
  return wrapped;
}
