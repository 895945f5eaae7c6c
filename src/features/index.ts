import type { Config } from '../config.js';
import type { FileFetcher } from '../roster/chatImport.js';
import { memberFeature } from '../bot/memberCommands.js';
import type { Feature } from '../bot/registry.js';
import { broadcastsFeature, type BroadcastsConfig } from './broadcasts/index.js';
import { caseloadFeature } from './caseload/index.js';
import { consoleFeature, consoleUrlOf } from './console/index.js';
import { duesFeature } from './dues/index.js';
import { evaluationFeature } from './evaluation/index.js';
import { exportsFeature } from './exports/index.js';
import { helpdeskFeature } from './helpdesk/index.js';
import { homecomingFeature } from './homecoming/index.js';
import { invitesFeature } from './invites/index.js';
import { pendingFeature } from './pending/index.js';
import { mobilityFeature } from './mobility/index.js';
import { reemploymentFeature } from './reemployment/index.js';
import { rosterFeature } from './roster/index.js';
import { staffingFeature } from './staffing/index.js';
import { statisticsFeature } from './statistics/index.js';
import { studyFeature } from './study/index.js';
import { thoughtsFeature } from './thoughts/index.js';
import { twoWayFeature } from './twoWay/index.js';

/**
 * Every feature, in the order of the menus and /help. A new feature is one module and one line here;
 * chat, menus and the Slack manifest pick it up from its declaration.
 */
export function allFeatures(config: Pick<Config, 'INVITE_CODE_TTL_DAYS' | 'HOME_VISIT_DUE_DAYS' | 'SPRING_FESTIVAL_DATE' | 'CONSOLE_URL' | 'CONSOLE_PORT' | 'CONSOLE_LINK_MINUTES'> & BroadcastsConfig, files?: FileFetcher): Feature[] {
  const features = [
    memberFeature,
    caseloadFeature,
    invitesFeature(config),
    helpdeskFeature,
    thoughtsFeature,
    staffingFeature,
    mobilityFeature(config),
    twoWayFeature,
    statisticsFeature(config),
    exportsFeature(config),
    broadcastsFeature(config),
    studyFeature,
    evaluationFeature(config),
    homecomingFeature(config),
    duesFeature,
    reemploymentFeature,
    rosterFeature(files),
    consoleFeature({ consoleUrl: consoleUrlOf(config), CONSOLE_LINK_MINUTES: config.CONSOLE_LINK_MINUTES }),
  ];
  // The taps that finish a command waiting for a choice or a confirmation, whichever feature declared it.
  return [...features, pendingFeature(features.flatMap((f) => f.commands ?? []))];
}
