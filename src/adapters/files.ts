import type { Platform } from '../bot/types.js';
import type { FileFetcher } from '../roster/chatImport.js';

/**
 * Downloads what people send, by platform. The bot is built before its adapters start, so each adapter
 * registers its downloader here once it is up; a platform without one cannot hand files in.
 */
export class PlatformFiles implements FileFetcher {
  private readonly byPlatform = new Map<Platform, (fileRef: string) => Promise<{ data: Buffer; name?: string; mime?: string }>>();

  register(platform: Platform, fetch: (fileRef: string) => Promise<{ data: Buffer; name?: string; mime?: string }>): void {
    this.byPlatform.set(platform, fetch);
  }

  async fetch(platform: Platform, fileRef: string) {
    const fetch = this.byPlatform.get(platform);
    if (!fetch) throw new Error(`no file downloads on ${platform}`);
    return fetch(fileRef);
  }
}
