/** Password hashing (argon2id) and the password rules, each failure naming its rule for the client. */
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { badInput } from '../domain/errors.js';

export const MIN_PASSWORD_LENGTH = 10;
/** Hashing a megabyte of "password" would be a cheap denial of service. */
export const MAX_PASSWORD_LENGTH = 256;

/** Algorithm.Argon2id: a const enum, which isolatedModules cannot read. */
const ARGON2ID = 2 as Algorithm;
// OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane), the library's default, stated here so it never drifts.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Throws BAD_USER_INPUT with `reason` (PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_IS_USERNAME) naming the rule. */
export function checkPassword(password: string, username: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw badInput(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`, {
      argument: 'password',
      reason: 'PASSWORD_TOO_SHORT',
      minLength: MIN_PASSWORD_LENGTH,
    });
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw badInput(`the password may have at most ${MAX_PASSWORD_LENGTH} characters`, {
      argument: 'password',
      reason: 'PASSWORD_TOO_LONG',
      maxLength: MAX_PASSWORD_LENGTH,
    });
  }
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) {
    throw badInput('the password must not be the username', { argument: 'password', reason: 'PASSWORD_IS_USERNAME' });
  }
}

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

// A real hash to verify against when the username is unknown, so both cases take the same time.
let dummy: Promise<string> | null = null;

/** True when `password` matches `stored`; with no stored hash it still spends the time of a check. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH * 4) return false;
  if (!stored) {
    dummy ??= hashPassword('not-a-password-of-anyone');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
