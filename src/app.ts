import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Logger } from './logger.js';
import type { Clock } from './bot/clock.js';
import type { Core } from './bot/core.js';
import { createEngine } from './bot/engine.js';
import type { FileFetcher } from './roster/chatImport.js';
import { OutboxSender, type SenderOptions } from './outbox/sender.js';
import { limitsFromConfig } from './outbox/rateLimits.js';

export interface BotOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** How the core downloads files people send; each adapter that receives files provides it. */
  files?: FileFetcher;
  sender?: Partial<Pick<SenderOptions, 'limits' | 'batchSize' | 'leaseMs' | 'inFlight' | 'pollMs' | 'horizonMs'>>;
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
    ...opts.sender,
  });
  const engine = createEngine({
    database: opts.database,
    clock: opts.clock,
    logger: opts.logger,
    config: opts.config,
    ...(opts.files ? { files: opts.files } : {}),
    onQueued: () => sender.kick(),
  });
  const core: Core = {
    handle: (incoming) => engine.handle(incoming),
    registerTransport: (transport) => sender.register(transport),
    kick: () => sender.kick(),
  };
  return { core, engine, sender };
}

export type Bot = ReturnType<typeof createBot>;
