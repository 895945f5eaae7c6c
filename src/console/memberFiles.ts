import type { FastifyReply } from 'fastify';
import type { Platform } from '../bot/types.js';
import type { FileFetcher } from '../roster/chatImport.js';
import type { ConsoleDeps, PageContext } from './context.js';
import { html } from './html.js';

/** A file a member sent, as the bot keeps it: the platform's reference, not the file. */
export interface KeptFile {
  platform: string;
  fileRef: string;
  mime: string | null;
}

/** What the page says when the file cannot be fetched, and where it leads back to. */
export interface FileFallback {
  title: string;
  unavailable: string;
  backHref: string;
  back: string;
}

/**
 * Sends a file a member sent (a page of a handwritten thought report, a help request's photo or document),
 * fetched from the platform it was sent on when this process can reach it; otherwise a page saying where to look.
 * Only a picture is shown inline; anything else is handed over as a download, never rendered as a page.
 */
export async function sendMemberFile(ctx: PageContext, reply: FastifyReply, deps: ConsoleDeps, files: FileFetcher | undefined, kept: KeptFile, logIds: Record<string, number>, fallback: FileFallback): Promise<FastifyReply> {
  const file = files ? await files.fetch(kept.platform as Platform, kept.fileRef).catch(() => {
    // Ids only: a platform's error may carry a download URL with the bot's token in it.
    deps.logger.warn({ ...logIds, platform: kept.platform }, 'console: a file a member sent could not be fetched');
    return undefined;
  }) : undefined;
  if (!file) {
    return ctx.page(fallback.title, html`<p class="problem">${fallback.unavailable}</p>
      <p><a href="${fallback.backHref}">${fallback.back}</a></p>`);
  }
  const mime = kept.mime ?? file.mime ?? '';
  if (!/^image\/(jpeg|png|gif|webp)$/.test(mime)) reply.header('content-disposition', 'attachment');
  return reply.header('cache-control', 'private, no-store').type(/^image\//.test(mime) ? mime : 'application/octet-stream').send(file.data);
}
