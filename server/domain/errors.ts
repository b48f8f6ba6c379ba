/** Domain errors with codes the API maps to GraphQL `extensions.code`. */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, details: Record<string, unknown> = {}) => new DomainError('BAD_USER_INPUT', message, details);
export const notFound = (message: string, details: Record<string, unknown> = {}) => new DomainError('NOT_FOUND', message, details);
/** Someone else changed the fact since the caller read it, or a revert would undo a later change. */
export const conflict = (message: string, details: Record<string, unknown> = {}) => new DomainError('CONFLICT', message, details);
export const forbidden = (message: string, details: Record<string, unknown> = {}) => new DomainError('FORBIDDEN', message, details);
