import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { query } from '../db/query.js';
import type { Database } from '../db/client.js';
import { organisations, ORG_KINDS, type OrgKind } from '../db/schema/index.js';
import { audit, usage, type AdminIo } from './adminIo.js';
import { notFound, orgByWord } from './adminLookup.js';

export const ORG_USAGE = `org add <名称 name> <${ORG_KINDS.join('|')}> [上级 parent] | org rename <组织 org> <新名称 name> | org move <组织 org> <新上级 parent> | org archive <组织 org> | org list`;

type Org = { id: number; name: string; path: string };

/** `org add|rename|move|list`: the organisation tree, its materialised paths kept whole. */
export async function org(io: AdminIo, database: Database, args: string[]): Promise<number> {
  const [verb, first, second, third] = args;
  if (verb === 'list' && args.length === 1) return list(io, database);
  if (verb === 'add' && first?.trim() && (ORG_KINDS as readonly string[]).includes(second ?? '') && args.length <= 4) return add(io, database, first.trim(), second as OrgKind, third);
  if (verb === 'archive' && first && args.length === 2) {
    const target = await found(io, database, verb, first);
    return target ? archive(io, database, target) : 1;
  }
  if ((verb === 'rename' || verb === 'move') && first && second?.trim() && args.length === 3) {
    const target = await found(io, database, verb, first);
    if (!target) return 1;
    return verb === 'rename' ? rename(io, database, target, second.trim()) : move(io, database, target, second);
  }
  return usage(io, ORG_USAGE);
}

/** The organisation a word names, or a refusal said and audited. */
async function found(io: AdminIo, database: Database, verb: string, word: string): Promise<Org | undefined> {
  const hit = await orgByWord(database.db, word);
  if (typeof hit !== 'string') return hit;
  await audit(database, io, `org.${verb}`, { refused: `org ${hit}` });
  io.err.write(notFound('组织 organisation', word, hit));
  return undefined;
}

async function add(io: AdminIo, database: Database, name: string, kind: OrgKind, parentWord: string | undefined): Promise<number> {
  const parent = parentWord === undefined ? null : await found(io, database, 'add', parentWord);
  if (parent === undefined) return 1;
  const id = await database.db.transaction(async (tx) => {
    const [row] = await tx.insert(organisations).values({ name, kind, parentId: parent?.id ?? null, path: 'pending', createdAt: io.clock.now() }).returning({ id: organisations.id });
    await tx.update(organisations).set({ path: `${parent?.path ?? '/'}${row!.id}/` }).where(eq(organisations.id, row!.id));
    return row!.id;
  });
  await audit(database, io, 'org.add', { orgId: id, kind, parentId: parent?.id ?? null });
  io.out.write(`已创建 created: ${name} (id ${id})${parent ? ` 隶属 under ${parent.name} (id ${parent.id})` : ''}\n`);
  return 0;
}

async function rename(io: AdminIo, database: Database, target: Org, name: string): Promise<number> {
  await database.db.update(organisations).set({ name }).where(eq(organisations.id, target.id));
  await audit(database, io, 'org.rename', { orgId: target.id });
  io.out.write(`已改名 renamed: ${target.name} → ${name} (id ${target.id})\n`);
  return 0;
}

/** Moves the organisation and its whole subtree: every path under it is rewritten in one statement. */
async function move(io: AdminIo, database: Database, target: Org, parentWord: string): Promise<number> {
  const parent = await found(io, database, 'move', parentWord);
  if (!parent) return 1;
  if (parent.path.startsWith(target.path)) {
    await audit(database, io, 'org.move', { orgId: target.id, parentId: parent.id, refused: 'into its own subtree' });
    io.err.write(`不能移到自身或其下级之下 cannot move an organisation under itself or its own subtree\n`);
    return 1;
  }
  const newPath = `${parent.path}${target.id}/`;
  const moved = await database.db.transaction(async (tx) => {
    await tx.update(organisations).set({ parentId: parent.id }).where(eq(organisations.id, target.id));
    const rows = await tx.update(organisations)
      .set({ path: sql`${newPath} || substr(${organisations.path}, ${target.path.length + 1})` })
      .where(sql`${organisations.path} like ${target.path} || '%'`)
      .returning({ id: organisations.id });
    return rows.length;
  });
  await audit(database, io, 'org.move', { orgId: target.id, fromPath: target.path, parentId: parent.id, moved });
  io.out.write(`已移动 moved: ${target.name} (id ${target.id}) → ${parent.name} (id ${parent.id}); ${moved} 个组织 organisations\n`);
  return 0;
}

/**
 * Closes an organisation, keeping its row (history points to it). Refused while it still has open organisations
 * under it or members at home in it: those are moved first, so no one is left in a closed branch.
 */
async function archive(io: AdminIo, database: Database, target: Org): Promise<number> {
  const [held] = await query<{ orgs: number; members: number }>(database.db, sql`
    select (select count(*)::int from organisations where path like ${target.path} || '%' and id <> ${target.id} and archived_at is null) as orgs,
      (select count(*)::int from members where home_org_id = ${target.id}) as members`);
  if (held!.orgs || held!.members) {
    await audit(database, io, 'org.archive', { orgId: target.id, refused: 'not empty', ...held });
    io.err.write(`仍有 ${held!.orgs} 个下级组织、${held!.members} 名党员，请先移走 still holds ${held!.orgs} open organisations and ${held!.members} members: move them first\n`);
    return 1;
  }
  await database.db.update(organisations).set({ archivedAt: io.clock.now() }).where(and(eq(organisations.id, target.id), isNull(organisations.archivedAt)));
  await audit(database, io, 'org.archive', { orgId: target.id });
  io.out.write(`已归档 archived: ${target.name} (id ${target.id})\n`);
  return 0;
}

async function list(io: AdminIo, database: Database): Promise<number> {
  const rows = await database.db.select().from(organisations).orderBy(asc(organisations.path));
  for (const o of rows) io.out.write(`${'  '.repeat(o.path.split('/').length - 3)}${o.name} (id ${o.id}, ${o.kind})${o.archivedAt ? ' 已归档 archived' : ''}\n`);
  if (!rows.length) io.out.write('无 none\n');
  await audit(database, io, 'org.list', {});
  return 0;
}
