/** Sentences of the import view from the server's codes: why a file was refused, what is wrong with a row. */
import { IMPORT_FILE_ERROR_CODES, type ImportFileErrorCode } from '../../../../shared/model/curation.js';
import type { ImportIssueCode } from '../../gql/graphql.js';
import type { Translate } from '../../i18n/i18n.js';
import type { UploadError } from './import-queries.js';

const OTHER_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NETWORK'] as const;
type OtherCode = (typeof OTHER_CODES)[number];

const isFileCode = (c: string): c is ImportFileErrorCode => (IMPORT_FILE_ERROR_CODES as readonly string[]).includes(c);
const isOtherCode = (c: string): c is OtherCode => (OTHER_CODES as readonly string[]).includes(c);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');

/** Why an upload was refused, and what the server's details add (a limit, a row), in the reader's language. */
export function uploadErrorText(err: UploadError, t: Translate): { text: string; detail: string | null } {
  const { code, details } = err;
  if (code === 'FILE_FORMAT' && (details.extension === 'xls' || details.extension === 'et')) {
    return { text: t('importError.FILE_FORMAT_OLD', { ext: details.extension }), detail: null };
  }
  const text = isFileCode(code) ? t(`importError.${code}`) : isOtherCode(code) ? t(`importError.${code}`) : t('importError.UNKNOWN');
  const limitBytes = num(details.limitBytes);
  const bytes = num(details.bytes);
  const limitRows = num(details.limitRows);
  const limitColumns = num(details.limitColumns);
  const row = num(details.row);
  let detail: string | null = null;
  if (code === 'FILE_TOO_LARGE' && limitBytes !== null && bytes !== null)
    detail = t('importError.limitBytes', { size: mb(bytes), limit: mb(limitBytes) });
  else if (code === 'TOO_MANY_ROWS' && limitRows !== null) detail = t('importError.limitRows', { limit: limitRows.toLocaleString() });
  else if (code === 'TOO_MANY_COLUMNS' && limitColumns !== null) detail = t('importError.limitColumns', { limit: limitColumns });
  else if (code === 'NO_HEADER' && row !== null) detail = t('importError.atRow', { row });
  return { text, detail };
}

/** Why a row has an issue ("与第 3 行重复"). */
export const issueText = (code: ImportIssueCode, relatedRow: number | null | undefined, t: Translate): string =>
  t(`importIssue.${code}`, { relatedRow: relatedRow ?? '?' });
