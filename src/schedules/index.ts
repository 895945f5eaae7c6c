import type { Engine } from '../bot/engine.js';
import type { Job } from './coordinator.js';
import { runLiaisonDuties, runLostContact, runProbationNotices, runThoughtReminders } from './duties.js';
import { runDuesReminders } from './dues.js';
import { runEvaluationPrompts } from './evaluation.js';
import { runHelpEscalation } from './helpEscalation.js';
import { runHolidayQuestions } from './homecoming.js';
import { runHousekeeping } from './housekeeping.js';
import { runJobOffers } from './jobs.js';
import { reportEndedNotices } from '../features/broadcasts/report.js';
import { pruneConsoleAuth } from '../features/console/auth.js';
import { runReportCycle } from './reportCycle.js';
import type { ScheduleConfig } from './settings.js';
import { runMakeUpList, runStudyPush } from './study.js';
import { runSearchCampaign } from './searchCampaign.js';
import { refreshRollups } from '../features/rollups/index.js';

export { JobCoordinator } from './coordinator.js';

/**
 * Every job is idempotent (each message has a key per period and recipient), so running one late, twice,
 * or after a catch-up changes nothing. The hourly chase runs before the study push so that, under the
 * weekly cap, a reminder to report wins over a study notice.
 */
export function scheduledJobs(config: ScheduleConfig, engine: Pick<Engine, 'expireConversations' | 'forgetOldUpdates'>): Job[] {
  return [
    {
      name: 'member-prompts',
      every: 'hour',
      run: async (db, now) => {
        const cycle = await runReportCycle(db, now, config);
        const thought = await runThoughtReminders(db, now, config);
        const study = await runStudyPush(db, now, config);
        // The year's prompts come last: under the weekly cap, this month's report and study go first.
        const evaluation = await runEvaluationPrompts(db, now, config);
        const holiday = await runHolidayQuestions(db, now, config);
        const dues = await runDuesReminders(db, now, config);
        const jobs = await runJobOffers(db, now, config);
        return {
          ...cycle, thoughtReminders: thought, studyToMembers: study.members, studyToGroups: study.groups, studyWaiting: study.waiting,
          selfEvaluationPrompts: evaluation.queued, selfEvaluationHeld: evaluation.held, holidayQuestions: holiday.queued, holidayHeld: holiday.held,
          duesReminders: dues.queued, duesHeld: dues.held, jobOffers: jobs.queued, jobOffersHeld: jobs.held,
        };
      },
    },
    {
      // Hourly: an urgent request waits at most URGENT_TAKE_HOURS and one hour before it goes up a rung.
      name: 'help-escalation',
      every: 'hour',
      run: async (db, now) => ({ helpEscalated: await runHelpEscalation(db, now, config) }),
    },
    {
      name: 'staff-digests',
      every: { dailyAtUtcHour: 1 },
      run: async (db, now) => ({
        duties: await runLiaisonDuties(db, now),
        probation: await runProbationNotices(db, now, config),
        makeUp: await runMakeUpList(db, now, config),
        searchLists: await runSearchCampaign(db, now, config),
      }),
    },
    {
      // Township and county figures (App Home, the console's dashboard) are read from these tables, not counted per look.
      name: 'rollups',
      every: { minutes: 15 },
      run: async (db, now) => {
        const r = await refreshRollups(db, now, { timezone: config.DEFAULT_TIMEZONE, reportDueDay: config.REPORT_DUE_DAY });
        return { rollupMonths: r.periods.length, rollupMonthsFilledIn: r.filledIn.length, rollupRows: r.rows, rollupRowsPruned: r.pruned, rollupMembers: r.members };
      },
    },
    {
      name: 'lost-contact',
      every: { dailyAtUtcHour: 18 },
      run: async (db, now) => ({ markedLost: await runLostContact(db, now, config) }),
    },
    {
      name: 'housekeeping',
      every: 'hour',
      run: async (db, now) => {
        const purged = await runHousekeeping(db, now, config);
        const expired = await engine.expireConversations();
        // A notice that ended just before a crash, before its sender was told: told now (the key keeps it to once).
        const noticesReported = await reportEndedNotices(db, now);
        await engine.forgetOldUpdates();
        await pruneConsoleAuth(db, now);
        return { locationsPurged: purged.locations, codesPurged: purged.codes, outboxTextsPurged: purged.outboxTexts, outboxMasked: purged.outboxMasked, conversationsExpired: expired, noticesReported };
      },
    },
  ];
}
