import type { HttpModule } from './server.js';

/** One thing the bot needs in order to do its work. `detail` is for the operator: ids, codes and ages only. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: { name: string; ok: boolean; detail?: string }[];
}

/** A check that does not answer within `timeoutMs` has failed: /readyz never hangs on a database that is away. */
export async function readiness(checks: readonly ReadinessCheck[], timeoutMs = 3000): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<{ ok: boolean; detail?: string }>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false, detail: 'timeout' }), timeoutMs);
      });
      try {
        const outcome = await Promise.race([c.check().catch((err: unknown) => ({ ok: false, detail: errorCode(err) })), timedOut]);
        return { name: c.name, ...outcome };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every((r) => r.ok), checks: results };
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown } | null;
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.name === 'string' ? e.name : 'error';
}

/**
 * `/healthz`: the process answers (a container restarts it when it does not). `/readyz`: it can do its work
 * (a load balancer sends it nothing while it cannot): 200 or 503, with each check's outcome as JSON.
 */
export function healthModule(checks: readonly ReadinessCheck[], timeoutMs?: number): HttpModule {
  return {
    name: 'health',
    register(app) {
      app.get('/healthz', async () => ({ status: 'ok' }));
      app.get('/readyz', async (_req, reply) => {
        const report = await readiness(checks, timeoutMs);
        return reply.code(report.ready ? 200 : 503).send(report);
      });
    },
  };
}
