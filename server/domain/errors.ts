/** Domain errors with codes the API maps to GraphQL `extensions.code`. */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN';

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
