import type { ConsoleSection } from '../context.js';
import { homeSection } from './home.js';
import { exportsSection } from './exports.js';
import { rosterSection } from './roster.js';
import { settingsSection } from './settings.js';

/** Every console section, in the order of the navigation. A new page is one section and one line here. */
export function consoleSections(): ConsoleSection[] {
  return [homeSection, rosterSection, exportsSection, settingsSection];
}
