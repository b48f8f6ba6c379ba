/**
 * A user's follows (watch-list) and last visit of the changes feed. A follow names an entity, a region
 * or a chain segment; its id is made of the user, the kind and the target, so following twice finds
 * the same row. Stored apart from the graph (`Watch`, `WatchVisit`), never linked to `Entity`.
 */
import { latestRetraction } from '../curation/history.js';
import { badInput } from '../errors.js';
import { getEntities } from '../graph.js';
import type { Entity } from '../model.js';
import { checkId } from '../validate.js';
import type { GraphStore, Row } from '../../store/types.js';

export const WATCH_KINDS = ['ENTITY', 'REGION', 'SEGMENT'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

/** Follows per user: the feed matches each change against all of them. */
export const MAX_WATCHES = 500;

/** Whose follows: the account's id (`local` in local mode), the name its changes go under, its region scope. */
export interface WatchUser {
  id: string;
  username: string;
  /** A region scope limits the leads the feed shows (as the leads' own views do); facts are everyone's. */
  region?: string | null;
}

export interface WatchRecord {
  id: string;
  userId: string;
  kind: WatchKind;
  targetId: string;
  createdAt: string;
}

/** Why a follow is refused (`watchCode` of the BAD_USER_INPUT). */
export type WatchCode = 'NO_SUCH_ENTITY' | 'RETRACTED' | 'NOT_A_REGION' | 'NOT_A_SEGMENT' | 'TOO_MANY';

const refuse = (message: string, watchCode: WatchCode, target: string) => badInput(message, { argument: 'target', watchCode, target });

const watchId = (user: string, kind: WatchKind, target: string) => `${user}|${kind}|${target}`;

function toWatch(r: Row): WatchRecord {
  return {
    id: String(r.id),
    userId: String(r.userId),
    kind: String(r.kind) as WatchKind,
    targetId: String(r.targetId),
    createdAt: String(r.createdAt),
  };
}

const WATCH_COLUMNS = 'w.id AS id, w.userId AS userId, w.kind AS kind, w.targetId AS targetId, w.createdAt AS createdAt';

/** The user's follows, newest first. */
export async function watchList(store: GraphStore, user: WatchUser): Promise<WatchRecord[]> {
  const rows = await store.read(
    `MATCH (w:Watch) WHERE w.userId = $user RETURN ${WATCH_COLUMNS}`,
    { user: user.id },
    { operation: 'watch list' },
  );
  return rows.map(toWatch).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

/** Refuses a target that is not in the live graph, or not of the kind's type. */
async function checkTarget(store: GraphStore, kind: WatchKind, target: string): Promise<Entity> {
  const entity = (await getEntities(store, [target])).get(target);
  if (!entity) {
    const retracted = await store.transaction((tx) => latestRetraction(tx, 'ENTITY', target), { operation: 'follow check' });
    throw retracted
      ? refuse(`"${target}" has been retracted`, 'RETRACTED', target)
      : refuse(`no entity with id "${target}"`, 'NO_SUCH_ENTITY', target);
  }
  if (kind === 'REGION' && entity.type !== 'Region') throw refuse(`"${target}" is not a region`, 'NOT_A_REGION', target);
  if (kind === 'SEGMENT' && entity.type !== 'ChainSegment') throw refuse(`"${target}" is not a chain segment`, 'NOT_A_SEGMENT', target);
  return entity;
}

/** Follows `target`; following it again returns the follow made the first time. */
export async function follow(
  store: GraphStore,
  user: WatchUser,
  kind: WatchKind,
  target: string,
  now: () => number = Date.now,
): Promise<WatchRecord> {
  checkId(target, 'target');
  await checkTarget(store, kind, target);
  const id = watchId(user.id, kind, target);
  return store.transaction(
    async (tx) => {
      const [existing] = await tx.run(`MATCH (w:Watch {id: $id}) RETURN ${WATCH_COLUMNS}`, { id });
      if (existing) return toWatch(existing);
      const [{ n }] = await tx.run('MATCH (w:Watch) WHERE w.userId = $user RETURN count(w) AS n', { user: user.id });
      if (Number(n) >= MAX_WATCHES) throw refuse(`at most ${MAX_WATCHES} follows`, 'TOO_MANY', target);
      const watch: WatchRecord = { id, userId: user.id, kind, targetId: target, createdAt: new Date(now()).toISOString() };
      await tx.run('CREATE (:Watch {id: $id, userId: $userId, kind: $kind, targetId: $targetId, createdAt: $createdAt})', { ...watch });
      return watch;
    },
    { operation: 'follow' },
  );
}

/** Stops following; false when there was nothing to stop. */
export async function unfollow(store: GraphStore, user: WatchUser, kind: WatchKind, target: string): Promise<boolean> {
  checkId(target, 'target');
  const id = watchId(user.id, kind, target);
  return store.transaction(
    async (tx) => {
      const found = await tx.run('MATCH (w:Watch {id: $id}) RETURN w.id AS id', { id });
      if (found.length) await tx.run('MATCH (w:Watch {id: $id}) DELETE w', { id });
      return found.length > 0;
    },
    { operation: 'unfollow' },
  );
}

/** The user's last visit of the feed (ISO 8601), if any. */
export async function lastVisit(store: GraphStore, user: WatchUser): Promise<string | null> {
  const [row] = await store.read('MATCH (v:WatchVisit {id: $id}) RETURN v.lastVisitAt AS at', { id: user.id }, { operation: 'last visit' });
  return row?.at ? String(row.at) : null;
}

/** An ISO 8601 time, normalised (`2026-12-01T00:00:00.000Z`); anything else is BAD_USER_INPUT naming `name`. */
export function checkTime(value: string, name: string): string {
  const t = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) throw badInput(`${name} must be an ISO 8601 time, got "${value.slice(0, 40)}"`, { argument: name });
  return new Date(t).toISOString();
}

/**
 * Records a visit at `at` (default now): later than now is taken as now, and an earlier visit than
 * the one stored leaves it (another tab marked a newer one). Returns the stored last visit.
 */
export async function markVisited(store: GraphStore, user: WatchUser, at?: string | null, now: () => number = Date.now): Promise<string> {
  const nowIso = new Date(now()).toISOString();
  const asked = at ? checkTime(at, 'at') : nowIso;
  const visit = asked > nowIso ? nowIso : asked;
  return store.transaction(
    async (tx) => {
      const [row] = await tx.run('MATCH (v:WatchVisit {id: $id}) RETURN v.lastVisitAt AS at', { id: user.id });
      if (!row) {
        await tx.run('CREATE (:WatchVisit {id: $id, lastVisitAt: $at})', { id: user.id, at: visit });
        return visit;
      }
      const stored = String(row.at ?? '');
      if (stored >= visit) return stored;
      await tx.run('MATCH (v:WatchVisit {id: $id}) SET v.lastVisitAt = $at', { id: user.id, at: visit });
      return visit;
    },
    { operation: 'mark visited' },
  );
}
