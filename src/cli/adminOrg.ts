import { asc } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { organisations, ORG_KINDS, type OrgKind } from '../db/schema/index.js';
import { archiveOrg, createOrg, moveOrg, renameOrg } from '../features/organisations/tree.js';
import { audit, usage, type AdminIo } from './adminIo.js';
import { notFound, orgByWord } from './adminLookup.js';

export const ORG_USAGE = `org add <名称 name> <${ORG_KINDS.join('|')}> [上级 parent] | org rename <组织 org> <新名称 name> | org move <组织 org> <新上级 parent> | org archive <组织 org> | org list | org import <文件 file> [--apply]`;

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
  const id = await createOrg(database.db, { name, kind, parent }, io.clock.now());
  await audit(database, io, 'org.add', { orgId: id, kind, parentId: parent?.id ?? null });
  io.out.write(`已创建 created: ${name} (id ${id})${parent ? ` 隶属 under ${parent.name} (id ${parent.id})` : ''}\n`);
  return 0;
}

async function rename(io: AdminIo, database: Database, target: Org, name: string): Promise<number> {
  await renameOrg(database.db, target.id, name);
  await audit(database, io, 'org.rename', { orgId: target.id });
  io.out.write(`已改名 renamed: ${target.name} → ${name} (id ${target.id})\n`);
  return 0;
}

/** Moves the organisation and its whole subtree (features/organisations/tree.ts). */
async function move(io: AdminIo, database: Database, target: Org, parentWord: string): Promise<number> {
  const parent = await found(io, database, 'move', parentWord);
  if (!parent) return 1;
  const moved = await moveOrg(database.db, target, parent);
  if (moved === 'own-subtree') {
    await audit(database, io, 'org.move', { orgId: target.id, parentId: parent.id, refused: 'into its own subtree' });
    io.err.write(`不能移到自身或其下级之下 cannot move an organisation under itself or its own subtree\n`);
    return 1;
  }
  await audit(database, io, 'org.move', { orgId: target.id, fromPath: target.path, parentId: parent.id, moved });
  io.out.write(`已移动 moved: ${target.name} (id ${target.id}) → ${parent.name} (id ${parent.id}); ${moved} 个组织 organisations\n`);
  return 0;
}

/** Closes an organisation, refused while it still holds open organisations or members (features/organisations/tree.ts). */
async function archive(io: AdminIo, database: Database, target: Org): Promise<number> {
  const held = await archiveOrg(database.db, target, io.clock.now());
  if (!held.archived) {
    const { orgs, members } = held;
    await audit(database, io, 'org.archive', { orgId: target.id, refused: 'not empty', orgs, members });
    io.err.write(`仍有 ${orgs} 个下级组织、${members} 名党员，请先移走 still holds ${orgs} open organisations and ${members} members: move them first\n`);
    return 1;
  }
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
