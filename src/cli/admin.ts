import { ConfigError, environment, loadConfig } from '../config.js';
import { systemClock } from '../bot/clock.js';
import { runAdmin } from './adminCommands.js';

/** `npm run admin -- <command>`: see src/cli/adminHelp.ts. */
try {
  const config = loadConfig(environment());
  process.exitCode = await runAdmin(process.argv.slice(2), { config, clock: systemClock, out: process.stdout, err: process.stderr });
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
  process.exitCode = 2;
}
