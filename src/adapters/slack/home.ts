import { t, type Language } from '../../bot/i18n/index.js';
import { localDay, localMinute } from '../../bot/period.js';
import { describeRegion } from '../../bot/regions/index.js';
import type { HomeView } from '../../bot/types.js';
import { CHOICE_ACTION, escapeMrkdwn, truncate, type Block, type ButtonElement, type TextObject } from './blocks.js';
import { slackText } from './texts.js';

/** App Home holds at most 100 blocks; a big caseload is cut, the counts above it stay complete. */
const MAX_HOME_BLOCKS = 100;
const MAX_CASELOAD_SHOWN = 25;

const plain = (text: string): TextObject => ({ type: 'plain_text', text, emoji: true });
const mrkdwn = (text: string): TextObject => ({ type: 'mrkdwn', text });
/** Buttons numbered within one view: action ids must be unique in a view. */
function buttonMaker() {
  let n = 0;
  return (label: string, payload: string, style?: 'primary'): ButtonElement => ({
    type: 'button',
    action_id: `${CHOICE_ACTION}:home:${++n}`,
    text: plain(truncate(label, 75)),
    value: payload,
    ...(style ? { style } : {}),
  });
}

/** The App Home of someone who has not linked their Slack account yet. */
export function unlinkedHome(lang: Language = 'zh-CN'): Record<string, unknown> {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: plain(slackText(lang, 'slack-home-unlinked-title')) },
      { type: 'section', text: plain(slackText(lang, 'slack-home-unlinked')) },
    ],
  };
}

/** A member's record, a liaison's caseload, a secretary's summaries: whatever the person is, in that order. */
export function renderHome(home: HomeView): Record<string, unknown> {
  const button = buttonMaker();
  const lang = home.language;
  const blocks: Block[] = [];
  const m = home.member;
  if (m) {
    blocks.push({ type: 'header', text: plain(slackText(lang, 'slack-home-member-title')) });
    const summary = t(lang, 'status-summary', {
      placeState: m.regionCode ? 'known' : m.locationConsent === 'granted' ? 'unknown' : 'no-consent',
      place: m.regionCode ? describeRegion(m.regionCode) : '-',
      reported: m.reportedThisMonth ? 'yes' : 'no',
      lastReport: m.lastMonthlyReportAt ? localDay(m.lastMonthlyReportAt, home.timezone) : '-',
      openRequests: m.openHelpRequests.length,
    });
    blocks.push({ type: 'section', text: plain(`${summary}\n${slackText(lang, 'slack-home-thought', { done: m.thoughtReportedThisQuarter ? 'yes' : 'no' })}`) });
    for (const r of m.openHelpRequests) {
      blocks.push({ type: 'context', elements: [plain(t(lang, 'status-help-line', { id: r.id, category: r.category, status: r.status }))] });
    }
    blocks.push({
      type: 'actions',
      block_id: 'member-actions',
      elements: [
        button(t(lang, 'menu-checkin'), 'menu:checkIn', m.reportedThisMonth ? undefined : 'primary'),
        button(t(lang, 'menu-location'), 'menu:location'),
        button(t(lang, 'menu-help'), 'menu:help'),
        button(t(lang, 'menu-thought'), 'menu:thoughtReport'),
      ],
    });
  }
  const c = home.caseload;
  if (c) {
    if (blocks.length) blocks.push({ type: 'divider' });
    blocks.push({ type: 'header', text: plain(truncate(slackText(lang, 'slack-home-caseload-title', { total: c.total }), 150)) });
    blocks.push({
      type: 'context',
      elements: [plain(slackText(lang, 'slack-home-caseload-counts', { overdue: c.overdue, notReported: c.notReported, notContacted: c.notContactedThisMonth, requests: c.withOpenRequest }))],
    });
    if (c.entries.length === 0) blocks.push({ type: 'section', text: plain(slackText(lang, 'slack-home-caseload-empty')) });
    for (const e of c.entries.slice(0, MAX_CASELOAD_SHOWN)) {
      const mark = e.overdue ? '🔴' : !e.reportedThisMonth || !e.contactedThisMonth ? '🟡' : '🟢';
      const line = slackText(lang, 'slack-home-caseload-line', {
        mark,
        name: escapeMrkdwn(e.name),
        id: e.personId,
        reported: e.reportedThisMonth ? 'yes' : e.overdue ? 'overdue' : 'no',
        contacted: e.contactedThisMonth ? 'yes' : 'no',
        lastContact: e.lastContactAt ? localDay(e.lastContactAt, home.timezone) : slackText(lang, 'slack-home-never'),
        requests: e.openHelpRequests,
      });
      blocks.push({ type: 'section', text: mrkdwn(line) });
      blocks.push({
        type: 'actions',
        block_id: `member-${e.personId}`,
        elements: [button(slackText(lang, 'slack-home-log-call'), e.logCallPayload), button(slackText(lang, 'slack-home-log-visit'), e.logVisitPayload)],
      });
    }
  }
  for (const b of home.branches) {
    if (blocks.length) blocks.push({ type: 'divider' });
    blocks.push({ type: 'header', text: plain(truncate(slackText(lang, 'slack-home-branch-title', { org: b.orgName }), 150)) });
    blocks.push({
      type: 'section',
      text: plain(
        slackText(lang, 'slack-home-branch-summary', {
          members: b.members, mobile: b.mobile, laidOff: b.laidOff, lost: b.lostContact, probationary: b.probationary,
          reported: b.reportedThisMonth, overdue: b.overdue, notContacted: b.notContactedThisMonth,
          thought: b.thoughtReportsThisQuarter, requests: b.openHelpRequests,
        }),
      ),
    });
    // Figures from the rollup are as of its last run; live ones need no note.
    if (b.asOf) blocks.push({ type: 'context', elements: [plain(t(lang, 'home-figures-as-of', { time: localMinute(b.asOf, home.timezone) }))] });
  }
  if (home.roles.length) {
    blocks.push({ type: 'actions', block_id: 'staff-actions', elements: [button(t(lang, 'menu-members'), 'menu:members')] });
  }
  if (blocks.length === 0) blocks.push({ type: 'section', text: plain(t(lang, 'status-not-member')) });
  return { type: 'home', blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}
