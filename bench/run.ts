import { broadcastBench } from './broadcast.js';
import { callsBench } from './calls.js';
import { consoleBench } from './console.js';
import { consoleDashboardBench } from './consoleDashboard.js';
import { consoleBroadcastsBench } from './consoleBroadcasts.js';
import { consoleHelpdeskBench } from './consoleHelpdesk.js';
import { consoleMembersBench } from './consoleMembers.js';
import { evaluationListBench } from './evaluationList.js';
import { exportFilesBench } from './exportFiles.js';
import { footprint } from './footprint.js';
import { inboundBench } from './inbound.js';
import { inboundProfile } from './inboundProfile.js';
import { rosterBench } from './roster.js';
import { scansBench } from './scans.js';
import { staffPagesBench } from './staffPages.js';
import { studyBench } from './study.js';

/** `npm run bench` runs every benchmark; `npm run bench -- footprint` runs one. Figures, not assertions. */
const benches: Record<string, () => Promise<void>> = {
  broadcast: broadcastBench,
  calls: callsBench,
  console: consoleBench,
  consoleDashboard: consoleDashboardBench,
  consoleBroadcasts: consoleBroadcastsBench,
  consoleHelpdesk: consoleHelpdeskBench,
  consoleMembers: consoleMembersBench,
  evaluationList: evaluationListBench,
  exportFiles: exportFilesBench,
  footprint,
  inbound: inboundBench,
  inboundProfile,
  roster: rosterBench,
  scans: scansBench,
  staffPages: staffPagesBench,
  study: studyBench,
};

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    process.stderr.write(`no benchmark '${name}'; have: ${Object.keys(benches).join(', ')}\n`);
    process.exit(2);
  }
  await bench();
}
