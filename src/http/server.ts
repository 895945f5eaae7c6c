import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '../logger.js';

/**
 * A part of the process's one HTTP server: health, metrics, later the secretary console. Each module adds its
 * own routes (and may use Fastify's encapsulation: a prefix, its own hooks) without knowing the others.
 */
export interface HttpModule {
  readonly name: string;
  /** Routes are registered under this prefix (e.g. '/console'); unset: at the root. */
  readonly prefix?: string;
  register(app: FastifyInstance): void | Promise<void>;
}

export interface HttpServerOptions {
  host: string;
  /** 0: any free port (tests). */
  port: number;
  logger: Logger;
  modules: HttpModule[];
}

export interface HttpServer {
  readonly app: FastifyInstance;
  /** Starts listening; returns the port actually bound. */
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** The one HTTP server of the process (CONSOLE_HOST:CONSOLE_PORT). Requests are not logged: they carry nothing an operator needs. */
export async function createHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  for (const module of opts.modules) {
    await app.register(async (scope) => module.register(scope), module.prefix ? { prefix: module.prefix } : {});
  }
  app.setErrorHandler((err: { statusCode?: number; code?: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) opts.logger.warn({ err }, 'http: request failed');
    void reply.code(status).send({ error: status < 500 ? (err.code ?? 'bad_request') : 'internal' });
  });
  return {
    app,
    async listen() {
      await app.listen({ host: opts.host, port: opts.port });
      const address = app.server.address();
      return typeof address === 'object' && address ? address.port : opts.port;
    },
    close: () => app.close(),
  };
}
