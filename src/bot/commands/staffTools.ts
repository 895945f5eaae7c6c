import type { DbOrTx } from '../../db/client.js';
import { logContact } from '../actions/logContact.js';
import { reply, type PersonFacts, type Reply } from '../flow.js';
import { t } from '../i18n/index.js';
import { describeRegion } from '../regions/index.js';
import { orgStatistics } from '../../stats/statistics.js';
import { assignStaff, liaisonLoadReply } from './assign.js';
import { audiencePreview } from './audience.js';
import { authorize, managedOrgs } from './authorize.js';
import { caseloadReply } from './caseload.js';
import { parseLogArgs } from './contacts.js';
import type { StaffTool } from './parse.js';
import { handOverRequest, noteRequest, resolveRequest, takeRequest } from './helpdesk.js';
import { issueCertificate, recordHandOver, registerDeparture, registerReturn, transferRelationship } from './mobility.js';
import { attachToInflow, suggestTemporaryBranches } from './twoWay.js';
import { parseId } from '../ids.js';
import { isImpossibleDate, parseDate } from '../dates.js';

/** The staff commands beyond /members and /invite. Each one goes through `authorize` for its target. */

const id = parseId;
/** The tools whose arguments include dates. */
const DATED: readonly StaffTool[] = ['depart', 'return', 'cert'];

async function stats(db: DbOrTx, facts: PersonFacts, arg: string, now: Date): Promise<Reply[]> {
  const orgId = id(arg.trim()) ?? (await managedOrgs(db, facts.personId))[0]?.id;
  if (orgId === undefined) return [reply('common-staff-only')];
  if (!(await authorize(db, facts.personId, 'stats.view', { kind: 'org', id: orgId }, now))) return [reply('staff-org-out-of-scope')];
  const s = await orgStatistics(db, orgId, now);
  const top = (list: { count: number }[], label: (x: never) => string) => list.slice(0, 5).map((x) => `${label(x as never)} ${x.count}`).join('、') || '-';
  return [reply('staff-stats', {
    args: {
      period: s.period, members: s.members, mobile: s.mobile, share: `${(s.mobileShare * 100).toFixed(1)}%`,
      onTime: s.reportedOnTimeThisMonth, reported: s.reportedThisMonth, lost: s.lostContact, found: s.foundAgainThisYear,
      help: s.help.map((h) => `${t(facts.language, 'stats-help-category', { category: h.category })} ${h.resolved}/${h.total}`).join('、') || '-',
      due: s.probationaryDue,
      destinations: top(s.byDestination, (x: { destination: string }) => x.destination),
      occupations: top(s.byOccupation, (x: { occupation: string }) => x.occupation),
    },
  })];
}

export async function runStaffTool(db: DbOrTx, facts: PersonFacts, tool: StaffTool, arg: string, now: Date): Promise<Reply[]> {
  if (!facts.isStaff) return [reply('common-staff-only')];
  const words = arg.trim().split(/\s+/).filter(Boolean);
  const staffId = facts.personId;
  const usage = [reply('staff-tool-usage', { args: { tool } })];
  const impossible = DATED.includes(tool) ? words.find(isImpossibleDate) : undefined;
  if (impossible) return [reply('staff-bad-date', { args: { date: impossible } })];
  switch (tool) {
    case 'caseload':
      return caseloadReply(db, staffId, now);
    case 'log': {
      const parsed = parseLogArgs(arg);
      return parsed ? logContact(db, facts, parsed.kind, parsed.memberId, now, parsed.note) : [reply('staff-log-usage')];
    }
    case 'hr': {
      const requestId = id(words[0]);
      const verb = words[1];
      if (requestId === undefined) return [reply('staff-help-usage')];
      if (verb === 'take' || verb === '接办') return takeRequest(db, staffId, requestId, now);
      if (verb === 'resolve' || verb === '解决') return resolveRequest(db, staffId, requestId, now);
      if ((verb === 'handover' || verb === '转交') && id(words[2]) !== undefined) return handOverRequest(db, staffId, requestId, id(words[2])!, now);
      if (verb === 'note' || verb === '备注') return noteRequest(db, staffId, requestId, words.slice(2).join(' '), now);
      return [reply('staff-help-usage')];
    }
    case 'assign': {
      const [memberId, roleWord, personId] = [id(words[0]), words[1], id(words[2])];
      const role = roleWord === 'liaison' || roleWord === '联络员' ? 'liaison' : roleWord === 'helper' || roleWord === '帮扶人' ? 'helper' : undefined;
      if (memberId === undefined || !role || personId === undefined) return usage;
      return assignStaff(db, staffId, memberId, role, personId, now);
    }
    case 'load':
      return liaisonLoadReply(db, staffId, now);
    case 'stats':
      return stats(db, facts, arg, now);
    case 'audience':
      return audiencePreview(db, staffId, arg, now);
    case 'depart': {
      const [memberId, on, destination, employer, occupation] = [id(words[0]), words[1], words[2], words[3], words[4]];
      if (memberId === undefined || !on || !parseDate(on) || !destination) return usage;
      return registerDeparture(db, staffId, memberId, { departedOn: on, destination, ...(employer ? { employer } : {}), ...(occupation ? { occupation } : {}) }, now);
    }
    case 'return': {
      const memberId = id(words[0]);
      const on = parseDate(words[1]) ?? now.toISOString().slice(0, 10);
      return memberId === undefined ? usage : registerReturn(db, staffId, memberId, on, now);
    }
    case 'cert': {
      const memberId = id(words[0]);
      if (memberId === undefined) return usage;
      if (words[1] === 'handover' || words[1] === '交接') return recordHandOver(db, staffId, memberId, parseDate(words[2]) ?? now.toISOString().slice(0, 10), now);
      const [number, issuedOn, validUntil, inflow] = [words[1], words[2], words[3], id(words[4])];
      if (!number || !issuedOn || !validUntil || !parseDate(issuedOn) || !parseDate(validUntil)) return usage;
      return issueCertificate(db, staffId, memberId, { number, issuedOn, validUntil, ...(inflow !== undefined ? { inflowOrgId: inflow } : {}) }, now);
    }
    case 'attach': {
      const memberId = id(words[0]);
      const org = words[1] === 'none' || words[1] === '无' ? null : id(words[1]);
      return memberId === undefined || org === undefined ? usage : attachToInflow(db, staffId, memberId, org, now);
    }
    case 'transfer': {
      const [memberId, orgId] = [id(words[0]), id(words[1])];
      return memberId === undefined || orgId === undefined ? usage : transferRelationship(db, staffId, memberId, orgId, now);
    }
    case 'tempbranch': {
      const [org] = await managedOrgs(db, staffId);
      if (!org || !(await authorize(db, staffId, 'stats.view', { kind: 'org', id: org.id }, now, { view: 'tempbranch' }))) return [reply('common-staff-only')];
      const list = await suggestTemporaryBranches(db, org.path);
      if (list.length === 0) return [reply('staff-tempbranch-none')];
      return list.map((s) => reply('staff-tempbranch-suggest', { args: { destination: /^\d{6}$/.test(s.destination) ? describeRegion(s.destination) : s.destination, count: s.members.length, ids: s.members.map((m) => `#${m}`).join(' ') } }));
    }
  }
}
