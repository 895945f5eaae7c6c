import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { members, organisations, persons } from '../../db/schema/index.js';
import { reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import { localDay } from '../../bot/period.js';
import { answer, type Feature, type TurnContext } from '../../bot/registry.js';
import { takesMember } from '../memberArg.js';
import { takesOrg, type OrgWordPicker } from '../orgArg.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { idOf, wordsOf } from '../args.js';
import { exportMemberCards } from '../../roster/cards.js';
import { exportRoster, idNumbersShownTo } from '../../roster/export.js';
import { exportBulkInvites } from '../../roster/invites.js';
import { exportStatistics } from '../statistics/export.js';
import { withYear, yearWord } from '../evaluation/index.js';
import { exportEvaluations } from '../evaluation/views.js';
import { exportDues } from '../dues/ledger.js';
import { MAX_MEMBERS_PER_FILE, tooManyForOneFile } from './limits.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The file travels inside an outbox row; a bigger one is refused with a pointer to the command line. */
export const MAX_EXPORT_BYTES = 10 * 1024 * 1024;

export type ExportKind = 'roster' | 'cards' | 'stats' | 'invites' | 'evaluations' | 'dues';

/** The words staff type after /export (导出), in both languages. */
const KIND_WORDS: Record<string, ExportKind> = {
  roster: 'roster', 花名册: 'roster',
  cards: 'cards', card: 'cards', 登记卡: 'cards', 跟踪管理卡: 'cards', 一档双卡: 'cards',
  stats: 'stats', statistics: 'stats', 统计: 'stats', 统计表: 'stats',
  invites: 'invites', codes: 'invites', 邀请码: 'invites',
  evaluations: 'evaluations', evaluation: 'evaluations', 评议: 'evaluations', 民主评议: 'evaluations',
  dues: 'dues', 党费: 'dues', 党费收缴: 'dues',
};

export interface ExportSettings {
  /** How long bulk invite codes stay valid (INVITE_CODE_TTL_DAYS). */
  inviteTtlDays: number;
  /** Where it was asked, for the audit log (default: the chat). */
  via?: 'chat' | 'console';
  /** MAX_MEMBERS_PER_FILE unless said (the tests' small organisations). */
  maxMembersPerFile?: number;
}

/** The answer when a file would list too many members: by level, not by size, since the file is never built. */
export const tooManyReply = (org: string, max: number): Reply => reply('export-too-many', { args: { org, max } });

/** Who asks for a file: a person in chat, or the same person in the console. */
export type ExportAsker = Pick<PersonFacts, 'personId' | 'language' | 'timezone'>;
export type FileExportKind = Exclude<ExportKind, 'evaluations' | 'dues'>;

/** Letters, digits and CJK stay; anything a file system or a multipart header might mind becomes `_`. */
export function fileNameOf(...parts: string[]): string {
  return `${parts.map((p) => p.replace(/[\s\\/:*?"<>|;,=]+/g, '_')).join('-')}.xlsx`;
}

/** The document reply: the xlsx as base64, with a caption from the catalogue. */
function documentReply(key: string, args: Record<string, string | number>, fileName: string, data: Buffer): Reply {
  if (data.length > MAX_EXPORT_BYTES) return reply('export-too-big', { args: { megabytes: Math.ceil(data.length / 1024 / 1024) } });
  return reply(key, { args: { ...args, file: fileName }, document: { fileName, mime: XLSX_MIME, base64: data.toString('base64') } });
}

/**
 * `/export roster|cards <member>|stats|invites [organisation]` (a name, or a number) (导出 花名册|登记卡|统计|邀请码): the same
 * .xlsx files as `npm run roster`, handed over in the chat it was asked in. Each is scoped and audited through
 * `authorize`, like every staff tool; an organisation or member outside scope gets the same answer as one that
 * does not exist.
 */
export async function exportCommand(db: DbOrTx, facts: PersonFacts, arg: string, now: Date, settings: ExportSettings): Promise<Reply[]> {
  const { words, year } = withYear(arg, facts, now);
  const [word, target] = words;
  const kind = word ? KIND_WORDS[word.toLowerCase()] : undefined;
  if (!kind) return [reply('export-usage')];
  if (kind === 'evaluations') return evaluationSheet(db, facts, idOf(target), year, now, settings.maxMembersPerFile);
  if (kind === 'dues') return duesSheet(db, facts, idOf(target), year, now);
  return exportFile(db, facts, kind, idOf(target), now, settings);
}

/**
 * The roster, a member's two cards, the statistics or fresh invite codes of an organisation (default: the first
 * the person runs) or member, as a document reply; the console's downloads ask here too, so both are decided and
 * audited alike.
 */
export async function exportFile(db: DbOrTx, facts: ExportAsker, kind: FileExportKind, targetId: number | undefined, now: Date, settings: ExportSettings): Promise<Reply[]> {
  const date = localDay(now, facts.timezone);
  const via = settings.via ?? 'chat';
  if (kind === 'cards') return memberCards(db, facts, targetId, date, now, via);
  const orgId = targetId ?? (await managedOrgs(db, facts.personId))[0]?.id;
  if (orgId === undefined) return [reply('export-no-org')];
  const action = kind === 'roster' ? 'roster.export' : kind === 'stats' ? 'stats.view' : 'invite.bulk';
  if (!(await authorize(db, facts.personId, action, { kind: 'org', id: orgId }, now, { export: kind, via }))) return [reply('staff-org-out-of-scope')];
  const [org] = await db.select({ name: organisations.name, path: organisations.path }).from(organisations).where(eq(organisations.id, orgId));
  if (!org) return [reply('staff-org-out-of-scope')];
  const max = settings.maxMembersPerFile ?? MAX_MEMBERS_PER_FILE;
  if (kind === 'roster' && (await tooManyForOneFile(db, org.path, max))) return [tooManyReply(org.name, max)];
  switch (kind) {
    case 'roster':
      return [documentReply('export-roster-ready', { org: org.name, date }, fileNameOf('花名册', org.name, date), await exportRoster(db, orgId, { showIdNumber: await idNumbersShownTo(db, facts.personId) }))];
    case 'stats':
      return [documentReply('export-stats-ready', { org: org.name, date }, fileNameOf('统计表', org.name, date), await exportStatistics(db, orgId, now, facts.language))];
    case 'invites': {
      const { file, count } = await exportBulkInvites(db, org.path, facts.personId, now, settings.inviteTtlDays);
      if (count === 0) return [reply('export-invites-none', { args: { org: org.name } })];
      return [documentReply('export-invites-ready', { org: org.name, count, days: settings.inviteTtlDays }, fileNameOf('邀请码', org.name, date), file)];
    }
  }
}

/** 民主评议情况表 of an organisation subtree for a year. */
async function evaluationSheet(db: DbOrTx, facts: PersonFacts, orgId: number | undefined, year: number, now: Date, max = MAX_MEMBERS_PER_FILE): Promise<Reply[]> {
  const sheet = await exportEvaluations(db, facts.personId, orgId, year, now, 'chat', max);
  if (!sheet) return [reply('staff-org-out-of-scope')];
  if (!('data' in sheet)) return [tooManyReply(sheet.org, max)];
  return [documentReply('export-evaluations-ready', { org: sheet.org, year: String(year) }, fileNameOf('民主评议', sheet.org, String(year)), sheet.data)];
}

/** 党费收缴台账 of an organisation subtree for a year. */
async function duesSheet(db: DbOrTx, facts: PersonFacts, orgId: number | undefined, year: number, now: Date): Promise<Reply[]> {
  const sheet = await exportDues(db, facts.personId, orgId, year, now, facts.timezone);
  if (!sheet) return [reply('staff-org-out-of-scope')];
  return [documentReply('export-dues-ready', { org: sheet.org, year: String(year) }, fileNameOf('党费收缴', sheet.org, String(year)), sheet.data)];
}

/** 登记卡 + 跟踪管理卡 of one member the staff person may see. */
async function memberCards(db: DbOrTx, facts: ExportAsker, memberId: number | undefined, date: string, now: Date, via: 'chat' | 'console' = 'chat'): Promise<Reply[]> {
  if (memberId === undefined) return [reply('export-usage')];
  if (!(await authorize(db, facts.personId, 'member.card', { kind: 'member', id: memberId }, now, { export: 'cards', via }))) return [reply('staff-member-not-found')];
  const [person] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, memberId));
  if (!person) return [reply('staff-member-not-found')];
  const [home] = await db.select({ orgId: members.homeOrgId }).from(members).where(eq(members.personId, memberId));
  const showIdNumber = home !== undefined && (await idNumbersShownTo(db, facts.personId))(home.orgId);
  const data = await exportMemberCards(db, memberId, { lang: facts.language, showIdNumber });
  return [documentReply('export-cards-ready', { name: person.name, date }, fileNameOf('一档双卡', person.name, date), data)];
}

const cardsOf = async (ctx: TurnContext, arg: string) =>
  answer(await memberCards(ctx.tx, ctx.facts, idOf(wordsOf(arg)[0]), localDay(ctx.now, ctx.facts.timezone), ctx.now));
/** `导出 登记卡 张建国`: the member by name in scope, namesakes offered as buttons (memberArg.ts). */
const cardsByName = takesMember({ name: 'export', who: 'staff', run: cardsOf });

/** The organisation of an export is the word after its kind (a year word aside); a card's is a member. */
const exportOrg: OrgWordPicker = (arg) => {
  const [word, target] = wordsOf(arg).filter((w) => yearWord(w) === undefined);
  const kind = word ? KIND_WORDS[word.toLowerCase()] : undefined;
  return kind && kind !== 'cards' && target !== undefined ? { token: target, word: target } : undefined;
};

/** Exports in chat: a staff tool (`/export`, on Slack `/staff export`); typed alone, 导出 shows how to ask. */
export function exportsFeature(config: { INVITE_CODE_TTL_DAYS: number }): Feature {
  return {
    name: 'exports',
    commands: [
      takesOrg({
        name: 'export', words: ['导出'], who: 'staff', menu: true, slack: 'sub',
        run: async (ctx, arg) => {
          const [word, target] = wordsOf(arg);
          // `#12`: the member chosen among namesakes for 登记卡 (the tap continues the command with the number).
          if (idOf(word) !== undefined) return cardsOf(ctx, arg);
          if (word && KIND_WORDS[word.toLowerCase()] === 'cards' && target !== undefined && idOf(target) === undefined) return cardsByName.run(ctx, target);
          return answer(await exportCommand(ctx.tx, ctx.facts, arg, ctx.now, { inviteTtlDays: config.INVITE_CODE_TTL_DAYS }));
        },
      }, exportOrg),
    ],
  };
}
