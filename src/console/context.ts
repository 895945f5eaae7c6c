import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../bot/clock.js';
import { t, type MessageArgs } from '../bot/i18n/index.js';
import type { Config } from '../config.js';
import type { Database, DbOrTx } from '../db/client.js';
import type { Language, StaffRole } from '../db/schema/people.js';
import type { Logger } from '../logger.js';
import type { ConsoleStaff } from '../features/console/auth.js';
import { html, type Html } from './html.js';
import { layout } from './layout.js';

export type ConsoleConfig = Pick<Config, 'CONSOLE_URL' | 'CONSOLE_PORT' | 'CONSOLE_IDLE_MINUTES' | 'CONSOLE_LINK_MINUTES'> & Partial<Config>;

/** What every console page can reach: the same database, clock and settings as the chat. */
export interface ConsoleDeps {
  database: Database;
  clock: Clock;
  logger: Logger;
  config: ConsoleConfig;
  /** The console's sections, for the navigation. */
  sections: readonly ConsoleSection[];
}

/**
 * One part of the console (organisations, members, roster import, …). Its routes are mounted behind the
 * sign-in check and the CSRF check; a section decides its own permissions through features/access, the same
 * rule and audit log as the chat.
 */
export interface ConsoleSection {
  name: string;
  /** Its entry in the navigation: catalogue key and path under /console, for people holding one of `roles` (absent: all staff). */
  nav?: { key: string; path: string; roles?: readonly StaffRole[] };
  register(app: import('fastify').FastifyInstance, deps: ConsoleDeps): void | Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: ConsoleStaff | null;
  }
}

/** A page's view of its request: who asks, in which language, and how to answer with a whole page. */
export interface PageContext {
  staff: ConsoleStaff;
  language: Language;
  db: DbOrTx;
  now: Date;
  t(key: string, args?: MessageArgs): string;
  /** The hidden CSRF field every form must carry. */
  csrf: Html;
  csrfToken: string;
  /** Sends a whole page: the layout with navigation around `body`. */
  page(title: string, body: Html, status?: number): FastifyReply;
  /** A page that says something went wrong (or is not there), in the person's language. */
  problem(status: 403 | 404 | 400, key: string, args?: MessageArgs): FastifyReply;
  /** After a form: back to a page (303, so a reload does not post again), with a notice to show there. */
  redirect(path: string, notice?: string): FastifyReply;
}

export function pageContext(req: FastifyRequest, reply: FastifyReply, deps: ConsoleDeps): PageContext {
  const staff = req.staff;
  if (!staff) throw new Error('pageContext outside the signed-in scope');
  const cookies = (req as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
  const language: Language = cookies.ld_lang === 'en' || cookies.ld_lang === 'zh-CN' ? cookies.ld_lang : staff.language;
  const tr = (key: string, args?: MessageArgs) => t(language, key, args);
  const csrfToken = reply.generateCsrf();
  const notice = typeof (req.query as Record<string, unknown> | undefined)?.notice === 'string' ? String((req.query as Record<string, string>).notice) : undefined;
  const ctx: PageContext = {
    staff, language, db: deps.database.db, now: deps.clock.now(), t: tr, csrfToken,
    csrf: html`<input type="hidden" name="_csrf" value="${csrfToken}">`,
    page: (title, body, status = 200) =>
      reply.code(status).type('text/html; charset=utf-8').send(layout({ title, body, staff, language, t: tr, csrfToken, sections: deps.sections, path: req.url, notice }).text),
    problem: (status, key, args) => ctx.page(tr('console-problem-title'), html`<p class="problem">${tr(key, args)}</p>`, status),
    redirect: (path, noticeKey) => {
      const to = `/console${path}`;
      return reply.code(303).redirect(noticeKey ? `${to}${to.includes('?') ? '&' : '?'}notice=${encodeURIComponent(tr(noticeKey))}` : to);
    },
  };
  return ctx;
}
