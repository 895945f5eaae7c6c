import type { Feature } from '../../bot/registry.js';
import { rosterImportButton, startRosterImport, type FileFetcher } from '../../roster/chatImport.js';

/**
 * The 花名册: a spreadsheet a secretary sends outside any conversation is a roster to import. It becomes a
 * background job (src/roster/jobs.ts, started by main.ts): a preview with a confirm button, then the import.
 */
export function rosterFeature(files: FileFetcher | undefined): Feature {
  return {
    name: 'roster',
    file: async (ctx, file) => (files && ctx.facts.isStaff ? startRosterImport(ctx.tx, ctx.facts, file, ctx.now) : undefined),
    buttons: [{ pattern: rosterImportButton.pattern, who: 'staff', run: (ctx, m) => rosterImportButton.run(ctx.tx, ctx.facts, m, ctx.now) }],
  };
}
