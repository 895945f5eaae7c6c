import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Reply } from '../../../bot/flow.js';
import { parseId } from '../../../bot/ids.js';
import { isAllowed } from '../../../features/access/authorize.js';
import type { PageContext } from '../../context.js';
import { loadRecord, recordPage } from './page.js';

/** The row a route parameter names; junk names no row (a 404 like any other). */
export function idParam(req: FastifyRequest, name: string): number | undefined {
  const id = parseId((req.params as Record<string, string | undefined>)[name]);
  return id === undefined || id === 0 ? undefined : id;
}

export const memberIdOf = (req: FastifyRequest) => idParam(req, 'id');

/** A form field as text: absent, a file, or repeated fields are read as what a person could have meant. */
export function fieldOf(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one.trim() : '';
}

/** The chat's own refusal of a member out of scope: the console tells "you may not" from "not there" by the view rule. */
const NOT_FOUND_KEYS = ['staff-member-not-found'];

/**
 * Refused: a member the person cannot see is not there (404); one they can see but may not act on is a 403.
 * Otherwise the record again with what went wrong on top, in the person's language.
 */
export async function refuse(ctx: PageContext, memberId: number, replies: Reply[], status: 400 | 409): Promise<FastifyReply> {
  const target = { kind: 'member', id: memberId } as const;
  if (!(await isAllowed(ctx.db, ctx.staff.personId, 'member.view', target))) return ctx.problem(404, 'console-not-found');
  if (replies.some((r) => NOT_FOUND_KEYS.includes(r.key))) return ctx.problem(403, 'console-forbidden');
  const data = await loadRecord(ctx, memberId);
  if (!data) return ctx.problem(404, 'console-not-found');
  return recordPage(ctx, data, { status, problem: textOf(ctx, replies) });
}

export const textOf = (ctx: PageContext, replies: Reply[]) => replies.map((r) => ctx.t(r.key, r.args)).join('\n');

/** After a form that did what it said: back to a page (303), with what the chat would have answered as the notice. */
export function done(reply: FastifyReply, path: string, notice: string): FastifyReply {
  return reply.code(303).redirect(`/console${path}?notice=${encodeURIComponent(notice)}`);
}

