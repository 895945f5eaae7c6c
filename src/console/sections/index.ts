import type { ConsoleSection } from '../context.js';
import { homeSection } from './home.js';
import { membersSection } from './members.js';

/** Every console section, in the order of the navigation. A new page is one section and one line here. */
export function consoleSections(): ConsoleSection[] {
  return [homeSection, membersSection];
}
