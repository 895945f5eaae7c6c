import { consoleModule } from '../src/console/index.js';
import { consoleSections } from '../src/console/sections/index.js';
import type { Database } from '../src/db/client.js';
import { createSignInLink, redeemSignInLink } from '../src/features/console/auth.js';
import { filterParams, type MemberListFilter } from '../src/features/members/filter.js';
import type { PageCursor } from '../src/features/members/list.js';
import { createHttpServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/bot/clock.js';

export interface SignedIn {
  inject(url: string): Promise<{ statusCode: number; body: string }>;
}

/** The real console on this database (Fastify in-process, no port), and a way to sign staff in to it. */
export async function withConsole(d: Database, use: (signIn: (staffId: number) => Promise<SignedIn>) => Promise<void>): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'warn' });
  const logger = createLogger('warn');
  const server = await createHttpServer({
    host: '127.0.0.1', port: 0, logger,
    modules: [consoleModule({ database: d, clock: systemClock, logger, config, sections: consoleSections() })],
  });
  await server.app.ready();
  try {
    await use(async (staffId) => {
      const token = await createSignInLink(d.db, staffId, new Date(), 10);
      const session = await redeemSignInLink(d.db, token!, new Date());
      return {
        inject: async (url) => {
          const res = await server.app.inject({ method: 'GET', url, cookies: { ld_session: session!.sessionId } });
          return { statusCode: res.statusCode, body: res.body };
        },
      };
    });
  } finally {
    await server.close();
  }
}

/** Fetches one list page as a browser would; a page that is not 200 is a failed run, not a figure. */
export async function timePage(browser: SignedIn, filter: MemberListFilter, cursor: PageCursor): Promise<void> {
  const params = new URLSearchParams(filterParams(filter));
  if (cursor.after) params.set('after', String(cursor.after));
  const res = await browser.inject(`/console/members?${params.toString()}`);
  if (res.statusCode !== 200) throw new Error(`members page: ${res.statusCode}`);
}
