import type { ConsoleSection } from '../../context.js';
import { registerEvaluation } from './evaluation.js';
import { registerPages } from './pages.js';
import { registerActivities } from './activities.js';
import { registerDues } from './dues.js';
import { registerHolidays } from './holidays.js';
import { registerRecognition } from './recognition.js';

/**
 * 年度工作: the year of issue 18 on pages — the annual evaluation, dues, coming home and re-employment — each
 * form and list calling the same domain function as its chat command, which decides, audits and notifies.
 */
export const yearSection: ConsoleSection = {
  name: 'year',
  nav: { key: 'console-year-nav', path: '/year', roles: ['secretary', 'org_admin', 'liaison'] },
  register(app, deps) {
    app.get('/year', async (_req, reply) => reply.code(303).redirect('/console/year/evaluation'));
    registerEvaluation(app, deps);
    registerPages(app, deps);
    registerDues(app, deps);
    registerRecognition(app, deps);
    registerHolidays(app, deps);
    registerActivities(app, deps);
  },
};
