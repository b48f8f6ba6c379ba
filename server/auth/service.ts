/**
 * Accounts, sessions and the audit log behind one object, built once per server (createHandler)
 * or per test with an injected clock. Role checks are not here: they are the schema's
 * (server/auth/permissions.ts); this does what a permitted caller asked, and audits it.
 */
import { roleAllows } from '../../shared/model/index.js';
import type { Config } from '../config.js';
import { badInput, notFound } from '../domain/errors.js';
import { leadHandOver } from '../domain/leads/reassign.js';
import type { GraphStore } from '../store/types.js';
import {
  anyUsers,
  checkRegion,
  checkRole,
  enabledAdminCount,
  findLogin,
  getUser,
  insertUser,
  listUsers,
  normaliseUsername,
  toUserRecord,
  updateUserRecord,
  USER_COLUMNS,
  type UserRecord,
  type UserUpdate,
} from './accounts.js';
import { appendAudit, auditClause, newAuditEvent, type AuditEntry } from './audit.js';
import {
  authorName,
  clientAddress,
  isLoopbackAddress,
  isTrustedProxy,
  localModePossible,
  type Caller,
  type RequestInfo,
} from './caller.js';
import { AuthError } from './errors.js';
import { checkPassword, hashPassword, verifyPassword } from './passwords.js';
import {
  clearedCookie,
  deleteSessions,
  findSession,
  newToken,
  purgeExpiredSessions,
  readToken,
  sessionClause,
  sessionCookie,
  tokenHash,
} from './sessions.js';
import { LoginThrottle } from './throttle.js';

export interface AuthOptions {
  /** The clock (epoch ms); tests move it to expire sessions and locks. */
  now?: () => number;
}

export interface NewUserInput {
  username: string;
  password: string;
  displayName?: string | null;
  role: string;
  region?: string | null;
}

export interface UserChangeInput {
  displayName?: string | null;
  role?: string | null;
  region?: string | null;
  disabled?: boolean | null;
}

function displayName(raw: string | null | undefined): string | null {
  const name = raw?.trim() ?? '';
  if (name.length > 100) throw badInput('a display name has at most 100 characters', { argument: 'displayName' });
  return name || null;
}

export class Auth {
  readonly now: () => number;
  readonly throttle: LoginThrottle;
  private accountsSeen = false;
  /** The embedded store's write count when it last had no account (see accountsEnabled). */
  private noAccountsAt: number | undefined;

  constructor(
    readonly store: GraphStore,
    readonly config: Config,
    opts: AuthOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    const s = config.security;
    this.throttle = new LoginThrottle(store, { maxFailures: s.loginMaxFailures, lockMs: s.loginLockMs, now: this.now });
  }

  /**
   * True once any account exists. Remembered once true (accounts are disabled, never deleted); while
   * false it is asked on every request, so an account made elsewhere (the CLI on Neo4j) ends local
   * mode at once — except on the embedded store, which only this process writes: there "none yet"
   * holds until its next write (a statement per request was a seventh of a local-mode request's).
   */
  async accountsEnabled(): Promise<boolean> {
    if (this.accountsSeen) return true;
    const writes = this.store.localWrites;
    if (writes !== undefined && writes === this.noAccountsAt) return false;
    this.accountsSeen = await anyUsers(this.store);
    if (!this.accountsSeen) this.noAccountsAt = writes;
    return this.accountsSeen;
  }

  /** The caller of a request: proxy header (from a trusted address), session cookie, local mode, or anonymous. */
  async resolveCaller(info: RequestInfo): Promise<Caller> {
    const address = clientAddress(this.config, info);
    const base = { user: null, sessionId: null, clientAddress: address, actor: null };
    if (!(await this.accountsEnabled())) {
      const local = localModePossible(this.config) && (info.peer === null || isLoopbackAddress(info.peer));
      return { ...base, role: local ? 'admin' : null, localMode: local, accountsEnabled: false };
    }
    const anonymous: Caller = { ...base, role: null, localMode: false, accountsEnabled: true };
    const header = this.config.security.proxyHeader;
    const proxied = header && isTrustedProxy(this.config, info.peer) ? info.header(header)?.trim() : null;
    if (proxied) {
      const user = await getUser(this.store, proxied.toLowerCase());
      return user && !user.disabled ? this.signedIn(user, null, address) : anonymous;
    }
    const token = readToken(this.config.security, info.header('cookie'));
    if (!token) return anonymous;
    const session = await findSession(this.store, this.config.security, tokenHash(token), this.now());
    return session ? this.signedIn(session.user, session.id, address) : anonymous;
  }

  private signedIn(user: UserRecord, sessionId: string | null, address: string | null): Caller {
    return { user, role: user.role, localMode: false, accountsEnabled: true, sessionId, clientAddress: address, actor: user.username };
  }

  /** The operator at the command line (tools/user.ts): an admin, named `cli:<os user>` in the audit log. */
  cliCaller(osUser: string): Caller {
    return {
      user: null,
      role: 'admin',
      localMode: false,
      accountsEnabled: true,
      sessionId: null,
      clientAddress: null,
      actor: `cli:${osUser}`,
    };
  }

  /** Appends an event for `caller`; a failure is logged and thrown, so the action it records fails too. */
  async audit(caller: Pick<Caller, 'actor' | 'clientAddress'>, entry: AuditEntry): Promise<void> {
    try {
      await appendAudit(this.store, this.event(caller, entry));
    } catch (err) {
      console.error(
        `audit: could not record ${entry.action} ${entry.outcome} by ${caller.actor ?? 'anonymous'}: ${(err as Error).message}`,
      );
      throw err;
    }
  }

  private event(caller: Pick<Caller, 'actor' | 'clientAddress'>, entry: AuditEntry) {
    return newAuditEvent(this.now(), { username: caller.actor, clientAddress: caller.clientAddress }, entry);
  }

  /** Signs in: the new caller and the Set-Cookie value. Failures are UNAUTHENTICATED with `reason` BAD_CREDENTIALS or LOCKED. */
  async login(username: string, password: string, info: RequestInfo): Promise<{ caller: Caller; cookie: string }> {
    const address = clientAddress(this.config, info);
    const anonymous = { actor: null, clientAddress: address };
    const name = username.trim().toLowerCase().slice(0, 64);
    const wait = await this.throttle.lockedFor(name, address);
    if (wait > 0) {
      await this.audit(anonymous, { action: 'LOGIN', outcome: 'DENIED', target: name, params: { username: name, reason: 'LOCKED' } });
      const retryAfterSeconds = Math.ceil(wait / 1000);
      throw new AuthError('UNAUTHENTICATED', 'Too many failed sign-ins; try again later.', { reason: 'LOCKED', retryAfterSeconds });
    }
    const found = await findLogin(this.store, name);
    const ok = await verifyPassword(found?.passwordHash ?? null, password);
    if (!found || !ok || found.disabled) {
      await this.throttle.fail(name, address);
      const reason = !found ? 'UNKNOWN_USER' : !ok ? 'BAD_PASSWORD' : 'DISABLED';
      await this.audit(anonymous, { action: 'LOGIN', outcome: 'FAILED', target: name, params: { username: name, reason } });
      throw new AuthError('UNAUTHENTICATED', 'Wrong username or password.', { reason: 'BAD_CREDENTIALS' });
    }
    await this.throttle.succeed(name);
    const now = this.now();
    await purgeExpiredSessions(this.store, this.config.security, now);
    const token = newToken();
    const session = sessionClause(tokenHash(token), found.id, now, address);
    const audit = auditClause(
      this.event({ actor: found.username, clientAddress: address }, { action: 'LOGIN', outcome: 'OK', target: found.username }),
    );
    // Only if the password checked is still the account's, and it is still enabled: a reset or a
    // disable that lands while the hash was being checked ends this sign-in too.
    const [row] = await this.store.write(
      'MATCH (u:AppUser {id: $id}) WHERE u.passwordHash = $hash AND u.disabled = false ' +
        `SET u.lastLoginAt = $now ${session.cypher} ${audit.cypher} RETURN ${USER_COLUMNS}`,
      { id: found.id, hash: found.passwordHash, now, ...session.params, ...audit.params },
      { operation: 'login' },
    );
    if (!row) {
      await this.audit(anonymous, { action: 'LOGIN', outcome: 'FAILED', target: name, params: { username: name, reason: 'CHANGED' } });
      throw new AuthError('UNAUTHENTICATED', 'Wrong username or password.', { reason: 'BAD_CREDENTIALS' });
    }
    return {
      caller: this.signedIn(toUserRecord(row), session.params.session_id, address),
      cookie: sessionCookie(this.config.security, token),
    };
  }

  /** Ends this session; the Set-Cookie value that clears the cookie. */
  async logout(caller: Caller): Promise<string> {
    if (caller.sessionId) {
      await this.audit(caller, { action: 'LOGOUT', outcome: 'OK', target: caller.actor });
      await deleteSessions(this.store, { id: caller.sessionId });
    }
    return clearedCookie(this.config.security);
  }

  async logoutEverywhere(caller: Caller): Promise<string> {
    if (caller.user) {
      await this.audit(caller, { action: 'LOGOUT', outcome: 'OK', target: caller.actor, params: { everywhere: true } });
      await deleteSessions(this.store, { userId: caller.user.id });
    }
    return clearedCookie(this.config.security);
  }

  /** The caller's own password; other sessions of the account end, this one stays. */
  async changePassword(caller: Caller, current: string, next: string): Promise<void> {
    if (!caller.user) throw badInput('only a signed-in account has a password to change', { reason: 'NO_ACCOUNT' });
    const user = caller.user;
    const found = await findLogin(this.store, user.id);
    if ((await this.throttle.lockedFor(user.id, null)) > 0 || !(await verifyPassword(found?.passwordHash ?? null, current))) {
      await this.throttle.fail(user.id, null);
      await this.audit(caller, {
        action: 'PASSWORD_CHANGE',
        outcome: 'FAILED',
        target: user.username,
        params: { reason: 'WRONG_PASSWORD' },
      });
      throw badInput('the current password is wrong', { argument: 'current', reason: 'WRONG_PASSWORD' });
    }
    checkPassword(next, user.username);
    if (next === current) throw badInput('the new password is the current one', { argument: 'next', reason: 'PASSWORD_UNCHANGED' });
    const passwordHash = await hashPassword(next);
    const event = this.event(caller, { action: 'PASSWORD_CHANGE', outcome: 'OK', target: user.username });
    // The new hash first: a sign-in with the old password from then on fails (see login), so none outlives the cleanup.
    await updateUserRecord(this.store, user.id, { passwordHash }, this.now(), event);
    await deleteSessions(this.store, { userId: user.id, except: caller.sessionId });
  }

  listUsers(): Promise<UserRecord[]> {
    return listUsers(this.store);
  }

  async createUser(caller: Caller, input: NewUserInput): Promise<UserRecord> {
    const username = normaliseUsername(input.username);
    const role = checkRole(input.role);
    const region = await checkRegion(this.store, input.region);
    const name = displayName(input.displayName);
    checkPassword(input.password, username);
    if (await getUser(this.store, username))
      throw badInput(`the username "${username}" is taken`, { argument: 'username', reason: 'USERNAME_TAKEN' });
    if (role !== 'admin' && !(await this.accountsEnabled())) {
      // Otherwise the first account would end local mode with nobody able to manage accounts.
      throw badInput('the first account must be an admin', { argument: 'role', reason: 'FIRST_USER_ADMIN' });
    }
    const passwordHash = await hashPassword(input.password);
    const event = this.event(caller, {
      action: 'USER_CREATE',
      outcome: 'OK',
      target: username,
      params: { role, region, displayName: name },
    });
    const user = await insertUser(this.store, { username, displayName: name, role, region, passwordHash }, this.now(), event);
    this.accountsSeen = true;
    return user;
  }

  /** Role, region, display name, enabled; the last enabled admin cannot be demoted or disabled. */
  async updateUser(caller: Caller, id: string, change: UserChangeInput): Promise<UserRecord> {
    const user = await getUser(this.store, id);
    if (!user) throw notFound(`no user with id "${id}"`, { id });
    const update: UserUpdate = {};
    if (change.displayName !== undefined) update.displayName = displayName(change.displayName);
    if (change.role != null) update.role = checkRole(change.role);
    if (change.region !== undefined) update.region = await checkRegion(this.store, change.region);
    if (change.disabled != null) update.disabled = change.disabled;
    const losesAdmin = (update.role !== undefined && update.role !== 'admin') || update.disabled === true;
    if (user.role === 'admin' && !user.disabled && losesAdmin && (await enabledAdminCount(this.store)) <= 1) {
      throw badInput('this is the last enabled admin; make another admin first', { reason: 'LAST_ADMIN' });
    }
    const event = this.event(caller, { action: 'USER_UPDATE', outcome: 'OK', target: user.username, params: { ...update } });
    // A user who can no longer own leads (disabled, or below editor) hands theirs over in the same transaction.
    const leaves = update.disabled === true || (update.role !== undefined && !roleAllows(update.role, 'editor'));
    const admin = caller.user?.role === 'admin' ? caller.user.username : null;
    const actor = { username: authorName(caller) ?? 'local', clientAddress: caller.clientAddress };
    const handOver = leaves ? leadHandOver(user.username, admin, actor, this.now()) : undefined;
    const updated = await updateUserRecord(this.store, id, update, this.now(), event, handOver);
    if (update.disabled) await deleteSessions(this.store, { userId: id });
    return updated;
  }

  /**
   * An admin (or the CLI) sets another account's password, under the same rules as any password;
   * every session of that account ends. One's own password is changed with the current one
   * (changePassword), so a session left open cannot be used to take the account over.
   */
  async resetPassword(caller: Caller, id: string, password: string): Promise<void> {
    const user = await getUser(this.store, id);
    if (!user) throw notFound(`no user with id "${id}"`, { id });
    if (caller.user?.id === user.id) {
      throw badInput('change your own password with your current one (changePassword)', { argument: 'id', reason: 'OWN_ACCOUNT' });
    }
    checkPassword(password, user.username);
    const passwordHash = await hashPassword(password);
    const event = this.event(caller, { action: 'PASSWORD_RESET', outcome: 'OK', target: user.username });
    // The new hash first: a sign-in with the old password from then on fails (see login), so none outlives the cleanup.
    await updateUserRecord(this.store, id, { passwordHash }, this.now(), event);
    await deleteSessions(this.store, { userId: id });
  }
}
