import type { FileFetcher } from '../../roster/chatImport.js';
import type { ConsoleSection } from '../context.js';
import { dashboardSection } from './dashboard.js';
import { broadcastsSection } from './broadcasts/index.js';
import { exportsSection } from './exports.js';
import { helpdeskSection } from './helpdesk.js';
import { homeSection } from './home.js';
import { membersSection } from './members.js';
import { orgImportSection } from './orgImport.js';
import { organisationsSection } from './orgs.js';
import { peopleSection } from './people.js';
import { recordSection } from './record/index.js';
import { rosterSection } from './roster.js';
import { settingsSection } from './settings.js';
import { studySection } from './study/index.js';
import { thoughtsSection } from './thoughts.js';
import { yearSection } from './year/index.js';

/** Every console section, in the order of the navigation. A new page is one section and one line here. */
export function consoleSections(opts: { files?: FileFetcher } = {}): ConsoleSection[] {
  return [homeSection, dashboardSection, membersSection, organisationsSection, orgImportSection, peopleSection, recordSection(opts), helpdeskSection(opts), thoughtsSection, rosterSection, exportsSection, yearSection, broadcastsSection, studySection, settingsSection];
}
