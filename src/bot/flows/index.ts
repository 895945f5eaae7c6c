import type { Flow, FlowName } from '../flow.js';
import { broadcast } from './broadcast.js';
import { checkIn } from './checkIn.js';
import { consent } from './consent.js';
import { help } from './help.js';
import { jobWish } from './jobWish.js';
import { language } from './language.js';
import { location } from './location.js';
import { selfEvaluation } from './selfEvaluation.js';
import { staffText } from './staffText.js';
import { thoughtReport } from './thoughtReport.js';

export const flows: Record<FlowName, Flow<any>> = { checkIn, location, help, thoughtReport, consent, language, broadcast, staffText, selfEvaluation, jobWish };

/** The flow a stale button belongs to, by its payload prefix. */
export function flowOfPayload(payload: string): Flow<unknown> | undefined {
  const prefix = payload.split(':', 1)[0];
  return Object.values(flows).find((f) => f.prefix === prefix);
}
