import type { App } from '@slack/bolt';
import type { Core } from '../../bot/core.js';
import type { SendOutcome } from '../../bot/types.js';
import type { Logger } from '../../logger.js';
import type { SlackPort } from './transport.js';

/**
 * The app's own life in the workspace. `app_uninstalled`, or `tokens_revoked` naming the bot's token: nothing
 * can be sent there any more. The adapter stops sending (every send is refused at once, so the outbox fails
 * the message instead of retrying it for ever), the core cancels what still waits for Slack, and the log says
 * so (team id and reason only). A user token revoked alone changes nothing: the bot holds none.
 */
export class WorkspaceLife {
  private goneBecause: string | undefined;

  constructor(private readonly core: Core, private readonly logger: Logger) {}

  get gone(): boolean {
    return this.goneBecause !== undefined;
  }

  listen(app: App): void {
    app.event('app_uninstalled', async ({ body }) => this.leave('app_uninstalled', teamOf(body)));
    app.event('tokens_revoked', async ({ event, body }) => {
      const bot = (event as { tokens?: { bot?: string[] } }).tokens?.bot ?? [];
      if (bot.length) await this.leave('tokens_revoked', teamOf(body));
      else this.logger.info({ platform: 'slack', team: teamOf(body) }, 'slack: user tokens revoked; the bot holds none');
    });
  }

  /** The port, refusing every send once the workspace is gone. */
  guard(port: SlackPort): SlackPort {
    const refused = (): SendOutcome => ({ ok: false, kind: 'rejected', code: this.goneBecause ?? 'app_uninstalled' });
    return {
      ...port,
      send: (chat, message) => (this.gone ? Promise.resolve(refused()) : port.send(chat, message)),
      edit: (chat, id, message) => (this.gone ? Promise.resolve(refused()) : port.edit(chat, id, message)),
      sendDocument: (chat, document, message) => (this.gone ? Promise.resolve(refused()) : port.sendDocument(chat, document, message)),
    };
  }

  private async leave(reason: string, team: string | undefined): Promise<void> {
    const first = !this.gone;
    this.goneBecause = reason;
    if (first) this.logger.warn({ platform: 'slack', team, reason }, 'slack: the app was removed from the workspace; sending stops');
    try {
      await this.core.platformEvent?.({ kind: 'workspace-gone', platform: 'slack', reason });
    } catch (err) {
      this.logger.error({ platform: 'slack', reason, err }, 'slack: waiting messages could not be cancelled');
    }
  }
}

function teamOf(body: unknown): string | undefined {
  return (body as { team_id?: string }).team_id;
}
