import type { Feature } from '../../bot/registry.js';
import { importRosterFile, type FileFetcher } from '../../roster/chatImport.js';

/** The 花名册: a spreadsheet a secretary sends outside any conversation is a roster to import. */
export function rosterFeature(files: FileFetcher | undefined): Feature {
  return {
    name: 'roster',
    file: async (ctx, file) => (files && ctx.facts.isStaff ? importRosterFile(ctx.tx, ctx.facts, ctx.platform, file, files, ctx.now) : undefined),
  };
}
