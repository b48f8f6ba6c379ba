/** Who may own or collaborate on a lead: an enabled account of an editor or admin (or `local` in local mode). */
import { badInput } from '../errors.js';
import type { Reader } from './rows.js';

export async function requireAssignable(db: Reader, names: readonly string[], field: string): Promise<void> {
  if (names.length === 0) return;
  const rows = await db.run('UNWIND $ids AS id MATCH (u:AppUser {id: id}) RETURN u.id AS id, u.role AS role, u.disabled AS disabled', {
    ids: [...names],
  });
  const ok = new Set(rows.filter((r) => r.disabled !== true && (r.role === 'editor' || r.role === 'admin')).map((r) => String(r.id)));
  // Local mode (no accounts): the one local user.
  if (names.includes('local') && (await db.run('MATCH (u:AppUser) RETURN u.id AS id LIMIT 1')).length === 0) ok.add('local');
  const bad = names.filter((n) => !ok.has(n));
  if (bad.length) {
    throw badInput(`${field}: not an enabled editor or admin: ${bad.join(', ')}`, { field, reason: 'NOT_ASSIGNABLE', users: bad });
  }
}

/** The admin who takes over a leaving user's leads: the one disabling them, else the first enabled admin. */
export async function successorOf(db: Reader, leaving: string, preferred: string | null): Promise<string | null> {
  const rows = await db.run(
    "MATCH (u:AppUser) WHERE u.role = 'admin' AND u.disabled = false AND u.id <> $leaving RETURN u.id AS id ORDER BY u.id",
    {
      leaving,
    },
  );
  const admins = rows.map((r) => String(r.id));
  if (preferred && admins.includes(preferred)) return preferred;
  return admins[0] ?? null;
}
