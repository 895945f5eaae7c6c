import { answer, type Feature } from '../../bot/registry.js';
import { createSignInLink } from './auth.js';

export interface ConsoleLinkConfig {
  /** The console's public address (config: CONSOLE_URL, else the local port). */
  consoleUrl: string;
  CONSOLE_LINK_MINUTES: number;
}

/** /console (控制台): a one-time link to the secretary console, bound to the staff person who asked. */
export function consoleFeature(config: ConsoleLinkConfig): Feature {
  return {
    name: 'console',
    commands: [
      {
        name: 'console', words: ['控制台', '后台'], who: 'staff', menu: true, slack: 'sub',
        run: async (ctx) => {
          const token = await createSignInLink(ctx.tx, ctx.facts.personId, ctx.now, config.CONSOLE_LINK_MINUTES);
          if (!token) return answer([{ key: 'console-staff-only' }]);
          const url = `${config.consoleUrl}/console/signin/${token}`;
          return answer([{ key: 'console-link', args: { url, minutes: config.CONSOLE_LINK_MINUTES } }]);
        },
      },
    ],
  };
}

/** Where links point: CONSOLE_URL, else this machine's own port (the terminal demo and a laptop). */
export function consoleUrlOf(config: { CONSOLE_URL?: string | undefined; CONSOLE_PORT: number }): string {
  return config.CONSOLE_URL ?? `http://127.0.0.1:${config.CONSOLE_PORT || 8080}`;
}
