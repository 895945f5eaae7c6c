import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote: its log lines (pino writes to stderr) and start-up messages. */
  output(): string;
  /** Resolves when `text` appears in the output; rejects if the process exits first or `ms` pass. */
  waitForOutput(text: string, ms?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The port its HTTP server (health, metrics) listens on, once it said so. */
  httpPort(): Promise<number>;
}

/**
 * The real bot (`src/main.ts`), in its own process, with only the environment given (and PATH). Its HTTP server
 * takes any free port unless CONSOLE_PORT is given, so that processes started side by side do not collide.
 */
export function startBotProcess(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { env: { PATH: process.env.PATH ?? '', CONSOLE_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  return {
    child,
    exited,
    output: () => out,
    async waitForOutput(text, ms = 60_000) {
      const deadline = Date.now() + ms;
      while (!out.includes(text)) {
        if (done) throw new Error(`the bot exited before saying "${text}":\n${out}`);
        if (Date.now() > deadline) throw new Error(`the bot did not say "${text}" in time:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async httpPort() {
      await this.waitForOutput('http server listening');
      const line = out.split('\n').find((l) => l.includes('http server listening'))!;
      return (JSON.parse(line) as { port: number }).port;
    },
    async stop(signal = 'SIGTERM') {
      if (!done) child.kill(signal);
      return exited;
    },
  };
}
