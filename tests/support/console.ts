import type { LightMyRequestResponse } from 'fastify';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { consoleModule } from '../../src/console/index.js';
import { consoleSections } from '../../src/console/sections/index.js';
import type { ConsoleSection } from '../../src/console/context.js';
import { createSignInLink } from '../../src/features/console/auth.js';
import { createLogger } from '../../src/logger.js';
import { incoming, queuedFor, say, startTestBot, type TestBot } from './bot.js';

/**
 * The console on a test bot, reached through Fastify's in-process requests (no port). A `Browser` keeps
 * cookies as a browser would and reads each page's CSRF token, so tests post forms the way a person does.
 */
export interface ConsoleHarness {
  tb: TestBot;
  server: HttpServer;
  /** A browser signed in as this demo person (through a link, as /console would send). */
  signIn(name: string): Promise<Browser>;
  /** A browser signed in as any staff person (people outside the demo, e.g. from tests/staff/fixture.ts). */
  signInAs(personId: number): Promise<Browser>;
  /** What the bot answers a demo person who writes this in the terminal chat. */
  chat(name: string, text: string): Promise<string[]>;
  /** A browser that has not signed in. */
  anonymous(): Browser;
  close(): Promise<void>;
}

export async function startConsole(opts: { tb?: TestBot; sections?: ConsoleSection[]; env?: Record<string, string> } = {}): Promise<ConsoleHarness> {
  const tb = opts.tb ?? (await startTestBot(opts.env ? { env: opts.env } : {}));
  const logger = createLogger('debug', tb.logs);
  const sections = opts.sections ?? consoleSections();
  const server = await createHttpServer({
    host: '127.0.0.1', port: 0, logger,
    modules: [consoleModule({ database: tb.database, clock: tb.clock, logger, config: tb.config, sections })],
  });
  await server.app.ready();
  const harness: ConsoleHarness = {
    tb, server,
    anonymous: () => new Browser(server),
    async chat(name, text) {
      const chatId = tb.person(name).terminalUserId!;
      const before = (await queuedFor(tb.database, chatId)).length;
      await tb.bot.core.handle(incoming(chatId, say(text)));
      return (await queuedFor(tb.database, chatId)).slice(before).map((m) => m.text);
    },
    signIn: (name) => harness.signInAs(tb.person(name).personId),
    async signInAs(personId) {
      const token = await createSignInLink(tb.database.db, personId, tb.clock.now(), tb.config.CONSOLE_LINK_MINUTES);
      if (!token) throw new Error(`person ${personId} is not staff`);
      const browser = new Browser(server);
      const res = await browser.submit(`/console/signin/${token}`, {});
      if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return browser;
    },
    close: async () => {
      await server.close();
      await tb.close();
    },
  };
  return harness;
}

export class Browser {
  readonly cookies = new Map<string, string>();
  /** The last page's CSRF token (every page renders one in its forms). */
  csrf = '';
  constructor(private readonly server: HttpServer) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.server.app.inject({ method: 'GET', url, cookies: Object.fromEntries(this.cookies) });
    this.keep(res);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token) this.csrf = token[1]!;
    return res;
  }

  /** Posts a form as the page at `from` (default: `url` itself) would: its token, url-encoded fields. */
  async submit(url: string, fields: Record<string, string | string[]>, from: string = url): Promise<LightMyRequestResponse> {
    await this.get(from);
    return this.post(url, { _csrf: this.csrf, ...fields });
  }

  /** Posts exactly these fields (a test of what a form without its token gets). */
  async post(url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await this.server.app.inject({
      method: 'POST', url, payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, cookies: Object.fromEntries(this.cookies),
    });
    this.keep(res);
    return res;
  }

  /** Posts a file as a multipart form (a roster upload), with the token of the page at `from`. */
  async upload(url: string, from: string, file: { field: string; name: string; content: Buffer; type?: string }, fields: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    await this.get(from);
    const boundary = `----test${Date.now()}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ _csrf: this.csrf, ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
    const res = await this.server.app.inject({
      method: 'POST', url, payload: Buffer.concat(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, cookies: Object.fromEntries(this.cookies),
    });
    this.keep(res);
    return res;
  }

  private keep(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.value === '' || (c.expires !== undefined && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
}
