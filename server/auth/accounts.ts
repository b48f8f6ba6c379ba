/**
 * Accounts in the store (AppUser nodes). Every change is written in one statement together with
 * its audit event, so a change that cannot be audited does not happen. Password hashes are read
 * only by `findLogin`; nothing else returns them.
 */
import { ROLES, type Role } from '../../shared/model/index.js';
import { badInput, notFound } from '../domain/errors.js';
import { getEntity } from '../domain/graph.js';
import type { GraphStore, Row, Transaction } from '../store/types.js';
import { auditClause, type AuditEvent } from './audit.js';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  /** Entity id of the region the user's edits and leads are limited to; null for everywhere. */
  region: string | null;
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
}

/** The columns of an account as `toUserRecord` reads them (never its password hash), for `u:AppUser`. */
export const USER_COLUMNS =
  'u.id AS id, u.username AS username, u.displayName AS displayName, u.role AS role, u.region AS region, ' +
  'u.disabled AS disabled, u.createdAt AS createdAt, u.lastLoginAt AS lastLoginAt';

export function toUserRecord(r: Row): UserRecord {
  return {
    id: String(r.id),
    username: String(r.username),
    displayName: (r.displayName as string | null) ?? null,
    role: r.role as Role,
    region: (r.region as string | null) || null,
    disabled: r.disabled === true,
    createdAt: Number(r.createdAt),
    lastLoginAt: r.lastLoginAt == null ? null : Number(r.lastLoginAt),
  };
}

/** Letters (any script), digits and . _ @ -, 2 to 64 characters; compared lower-case, and the id of the account. */
const USERNAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{1,63}$/u;

export function normaliseUsername(raw: string): string {
  const name = raw.trim().toLowerCase();
  if (!USERNAME.test(name)) {
    throw badInput('a username has 2 to 64 letters, digits or . _ @ -, starting with a letter or digit', {
      argument: 'username',
      reason: 'USERNAME_INVALID',
    });
  }
  return name;
}

export function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) throw badInput(`role must be one of ${ROLES.join(', ')}`, { argument: 'role' });
  return role as Role;
}

/** A region id must name a Region entity; an empty string clears it. */
export async function checkRegion(store: GraphStore, region: string | null | undefined): Promise<string | null> {
  if (!region) return null;
  const entity = await getEntity(store, region);
  if (entity?.type !== 'Region') throw badInput(`no region with id "${region}"`, { argument: 'region', reason: 'UNKNOWN_REGION' });
  return region;
}

export async function anyUsers(store: GraphStore): Promise<boolean> {
  return (await store.read('MATCH (u:AppUser) RETURN u.id AS id LIMIT 1', {}, { operation: 'any users' })).length > 0;
}

export async function listUsers(store: GraphStore): Promise<UserRecord[]> {
  const rows = await store.read(`MATCH (u:AppUser) RETURN ${USER_COLUMNS} ORDER BY u.id`, {}, { operation: 'users' });
  return rows.map(toUserRecord);
}

export async function getUser(store: GraphStore, id: string): Promise<UserRecord | null> {
  const [row] = await store.read(`MATCH (u:AppUser {id: $id}) RETURN ${USER_COLUMNS}`, { id }, { operation: 'user' });
  return row ? toUserRecord(row) : null;
}

/** The account and its password hash, for a login only. */
export async function findLogin(store: GraphStore, username: string): Promise<(UserRecord & { passwordHash: string }) | null> {
  const [row] = await store.read(
    `MATCH (u:AppUser {id: $id}) RETURN ${USER_COLUMNS}, u.passwordHash AS passwordHash`,
    { id: username },
    {
      operation: 'login lookup',
    },
  );
  return row ? { ...toUserRecord(row), passwordHash: String(row.passwordHash) } : null;
}

export async function enabledAdminCount(store: GraphStore): Promise<number> {
  const [row] = await store.read(
    "MATCH (u:AppUser) WHERE u.role = 'admin' AND u.disabled = false RETURN count(u) AS n",
    {},
    {
      operation: 'admins',
    },
  );
  return Number(row?.n ?? 0);
}

export interface NewUserRecord {
  username: string;
  displayName: string | null;
  role: Role;
  region: string | null;
  passwordHash: string;
}

export async function insertUser(store: GraphStore, user: NewUserRecord, now: number, event: AuditEvent): Promise<UserRecord> {
  const audit = auditClause(event);
  const [row] = await store.write(
    'CREATE (u:AppUser {id: $id, username: $id, displayName: $displayName, role: $role, region: $region, passwordHash: $hash, ' +
      `disabled: false, createdAt: $now, updatedAt: $now}) ${audit.cypher} RETURN ${USER_COLUMNS}`,
    {
      id: user.username,
      displayName: user.displayName,
      role: user.role,
      region: user.region,
      hash: user.passwordHash,
      now,
      ...audit.params,
    },
    { operation: 'create user' },
  );
  return toUserRecord(row);
}

/** The properties an update may set (a password hash included); absent keys stay as they are. */
export interface UserUpdate {
  displayName?: string | null;
  role?: Role;
  region?: string | null;
  disabled?: boolean;
  passwordHash?: string;
  lastLoginAt?: number;
}

const UPDATABLE = new Set(['displayName', 'role', 'region', 'disabled', 'passwordHash', 'lastLoginAt']);

/** Sets `update` on the account and appends `event` in the same statement; NOT_FOUND when there is no such account. */
export async function updateUserRecord(
  store: GraphStore,
  id: string,
  update: UserUpdate,
  now: number,
  event: AuditEvent,
  /** More of the same change, in its transaction (a leaving user's leads handed over). */
  also?: (tx: Transaction) => Promise<void>,
): Promise<UserRecord> {
  const keys = Object.keys(update).filter((k) => UPDATABLE.has(k));
  const sets = keys.map((k) => `u.${k} = $set_${k}`);
  const params = Object.fromEntries(keys.map((k) => [`set_${k}`, update[k as keyof UserUpdate]]));
  const audit = auditClause(event);
  const cypher = `MATCH (u:AppUser {id: $id}) SET ${[...sets, 'u.updatedAt = $now'].join(', ')} ${audit.cypher} RETURN ${USER_COLUMNS}`;
  const statementParams = { id, now, ...params, ...audit.params };
  const [row] = also
    ? await store.transaction(
        async (tx) => {
          const rows = await tx.run(cypher, statementParams);
          if (rows.length) await also(tx);
          return rows;
        },
        { operation: 'update user' },
      )
    : await store.write(cypher, statementParams, { operation: 'update user' });
  if (!row) throw notFound(`no user with id "${id}"`, { id });
  return toUserRecord(row);
}
