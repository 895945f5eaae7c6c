import { eq } from 'drizzle-orm';
import type { PersonFacts } from '../../bot/flow.js';
import { t } from '../../bot/i18n/index.js';
import { monthPeriod } from '../../bot/period.js';
import type { OutgoingDocument } from '../../bot/types.js';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../../db/schema/index.js';
import { statsPicture } from '../dashboard/index.js';

/**
 * The picture /stats sends with its figures: the organisation's last twelve months of reports as a PNG
 * (ECharts to SVG to PNG on the server), named by organisation and month. The asker was already authorised for
 * the organisation. A picture that cannot be drawn (no renderer for this machine) leaves the figures as text.
 */
export async function statsPictureDocument(db: DbOrTx, orgId: number, now: Date, facts: Pick<PersonFacts, 'language' | 'timezone'>, rollupTimezone?: string): Promise<OutgoingDocument | undefined> {
  const [org] = await db.select({ orgId: organisations.id, name: organisations.name, path: organisations.path, parentId: organisations.parentId })
    .from(organisations).where(eq(organisations.id, orgId));
  if (!org) return undefined;
  try {
    const png = await statsPicture(db, org, { now, timezone: facts.timezone }, (key, args) => t(facts.language, key, args), rollupTimezone);
    return { fileName: `统计图-${org.name.replace(/[\s\\/:*?"<>|;,=]+/g, '_')}-${monthPeriod(now, facts.timezone)}.png`, mime: 'image/png', base64: png.data.toString('base64') };
  } catch {
    return undefined;
  }
}
