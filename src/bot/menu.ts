import { button, reply, type PersonFacts, type Reply, type ReplyButton } from './flow.js';

/** The main menu: every flow is reachable with nothing but taps. */
export function menu(facts: PersonFacts, key = 'menu-title'): Reply {
  const buttons: ReplyButton[][] = [];
  if (facts.isMember) {
    buttons.push([button('menu-checkin', 'menu:checkIn'), button('menu-location', 'menu:location')]);
    buttons.push([button('menu-help', 'menu:help'), button('menu-thought', 'menu:thoughtReport')]);
    buttons.push([button('menu-status', 'menu:status')]);
    if (facts.laidOff) buttons.push([button('menu-job-wish', 'menu:jobWish')]);
  }
  if (facts.isStaff) buttons.push([button('menu-members', 'menu:members')]);
  buttons.push([button('menu-language', 'menu:language')]);
  return reply(key, { buttons });
}
