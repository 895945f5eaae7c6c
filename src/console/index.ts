import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../bot/i18n/index.js';
import type { HttpModule } from '../http/server.js';
import { endSession, redeemSignInLink, sessionStaff } from '../features/console/auth.js';
import { pageContext, type ConsoleDeps } from './context.js';
import { html, type Html } from './html.js';
import { layout } from './layout.js';
import { keepUploadName } from './uploads.js';

export type { ConsoleDeps, ConsoleSection } from './context.js';

const SESSION_COOKIE = 'ld_session';
const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
/** A roster of a few thousand rows is well under this; a larger upload is refused before it is read. */
const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * The secretary console under /console on the process's one HTTP server: sign-in by a one-time link from the
 * chat, then the sections' pages behind a session check and a CSRF check on every form.
 */
export function consoleModule(deps: ConsoleDeps): HttpModule {
  const secure = (deps.config.CONSOLE_URL ?? '').startsWith('https:');
  const cookie = { path: '/console', httpOnly: true, sameSite: 'strict' as const, secure };
  return {
    name: 'console',
    prefix: '/console',
    async register(app) {
      await app.register(fastifyHelmet, {
        contentSecurityPolicy: {
          directives: {
            defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
            formAction: ["'self'"], frameAncestors: ["'none'"], upgradeInsecureRequests: secure ? [] : null,
          },
        },
        hsts: secure,
      });
      await app.register(fastifyCookie);
      await app.register(fastifyFormbody);
      await app.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', onFile: keepUploadName, limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1 } });
      await app.register(fastifyCsrf, {
        cookieOpts: cookie,
        getToken: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined ?? (req.headers['x-csrf-token'] as string | undefined),
      });
      await app.register(fastifyRateLimit, { global: false });
      await app.register(fastifyStatic, { root: ASSETS, prefix: '/assets/', decorateReply: false, maxAge: '1h' });
      app.decorateRequest('staff', null);
      app.setErrorHandler((err: { statusCode?: number; code?: string }, req, reply) => problemPage(req, reply, deps, err));
      app.setNotFoundHandler((req, reply) => problemPage(req, reply, deps, { statusCode: 404 }));
      signInRoutes(app, deps, cookie);
      await app.register(async (signedIn) => {
        signedIn.addHook('preHandler', async (req, reply) => {
          const id = req.cookies[SESSION_COOKIE];
          req.staff = id ? ((await sessionStaff(deps.database.db, id, deps.clock.now(), deps.config.CONSOLE_IDLE_MINUTES)) ?? null) : null;
          if (!req.staff) return signedOutPage(req, reply, 401);
          if (req.method === 'POST') await new Promise<void>((resolve, reject) => app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve())));
        });
        signedIn.post('/signout', async (req, reply) => {
          await endSession(deps.database.db, req.cookies[SESSION_COOKIE]!, deps.clock.now());
          return reply.clearCookie(SESSION_COOKIE, cookie).code(303).redirect('/console/signed-out');
        });
        signedIn.get('/language', async (req, reply) => {
          const to = (req.query as { to?: string }).to === 'en' ? 'en' : 'zh-CN';
          return reply.setCookie('ld_lang', to, { ...cookie, maxAge: 365 * 86_400 }).code(303).redirect('/console/');
        });
        for (const section of deps.sections) await signedIn.register(async (scope) => section.register(scope, deps));
      });
    },
  };
}

function signInRoutes(app: FastifyInstance, deps: ConsoleDeps, cookie: { path: string; httpOnly: boolean; sameSite: 'strict'; secure: boolean }): void {
  // Opening the link only shows a button: a chat app's link preview fetches it too, and must not spend it.
  app.get('/signin/:token', async (req, reply) => {
    const token = (req.params as { token: string }).token;
    const body = html`<form method="post" action="/console/signin/${token}">
      <input type="hidden" name="_csrf" value="${reply.generateCsrf()}">
      <p>${t('zh-CN', 'console-signin-explain')}</p>
      <button type="submit" class="primary">${t('zh-CN', 'console-signin-button')}</button>
    </form>`;
    return bare(reply, t('zh-CN', 'console-signin-title'), body);
  });
  app.post('/signin/:token', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    preHandler: app.csrfProtection,
  }, async (req, reply) => {
    const token = (req.params as { token: string }).token;
    const signedIn = await redeemSignInLink(deps.database.db, token, deps.clock.now());
    if (!signedIn) return bare(reply, t('zh-CN', 'console-problem-title'), html`<p class="problem">${t('zh-CN', 'console-link-refused')}</p>`, 403);
    return reply.setCookie(SESSION_COOKIE, signedIn.sessionId, cookie).code(303).redirect('/console/');
  });
  app.get('/signed-out', async (req, reply) => signedOutPage(req, reply, 200));
}

function bare(reply: FastifyReply, title: string, body: Html, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(layout({ title, body, staff: null, language: 'zh-CN', t: (k, a) => t('zh-CN', k, a) }).text);
}

function signedOutPage(_req: FastifyRequest, reply: FastifyReply, status: number): FastifyReply {
  return bare(reply, t('zh-CN', 'console-signed-out-title'), html`<p>${t('zh-CN', 'console-signed-out')}</p><p lang="en">${t('en', 'console-signed-out')}</p>`, status);
}

/** Errors as pages: a stale form (CSRF), a file too large, a page that is not there; never a stack trace. */
function problemPage(req: FastifyRequest, reply: FastifyReply, deps: ConsoleDeps, err: { statusCode?: number; code?: string }): FastifyReply {
  const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
  if (status === 500) deps.logger.warn({ err, route: req.routeOptions?.url }, 'console: request failed');
  const key = err.code?.startsWith('FST_CSRF') ? 'console-form-expired'
    : err.code === 'FST_REQ_FILE_TOO_LARGE' || status === 413 ? 'console-file-too-large'
    : status === 404 ? 'console-not-found'
    : status === 429 ? 'console-too-many'
    : status < 500 ? 'console-bad-request' : 'console-failed';
  if (req.staff) return pageContext(req, reply, deps).problem(status as 400, key);
  return bare(reply, t('zh-CN', 'console-problem-title'), html`<p class="problem">${t('zh-CN', key)}</p>`, status);
}
