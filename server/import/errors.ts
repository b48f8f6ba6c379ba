/** Why a whole file is refused: a code the API and UI key on, a plain English message, and details. */
import { badInput, type DomainError } from '../domain/errors.js';
import type { ImportFileErrorCode } from './types.js';

export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ImportFileError';
  }

  /** The same refusal as a domain error (BAD_USER_INPUT), its import code in `details.importCode`. */
  toDomainError(): DomainError {
    return badInput(this.message, { ...this.details, importCode: this.code });
  }
}
