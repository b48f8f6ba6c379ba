/** Who may ask: typed errors mapped by server/error-codes.ts (UNAUTHENTICATED → 401, FORBIDDEN → 403). */
export type AuthErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN';

export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    /** What the client may use: `reason` (BAD_CREDENTIALS, LOCKED …), `requiredRole`, `retryAfterSeconds`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export const signInFirst = () => new AuthError('UNAUTHENTICATED', 'Sign in first.', { reason: 'NO_SESSION' });
