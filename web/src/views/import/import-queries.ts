/**
 * The data of the import view: the uploaded file's fields, the dry run (`importPlan`), applying it,
 * and the upload itself — a file's raw bytes do not belong in a GraphQL body, so they go to
 * POST /import/upload, which answers with the same ImportFile shape.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useGraphQLMutation, graphqlQuery } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { graphql } from '../../gql/index.js';
import type { ColumnMappingInput, ImportFileFieldsFragment, RowDecision } from '../../gql/graphql.js';
import { refreshAfterWrite } from '../changes/change-queries.js';

export const ImportFileFieldsFragmentDoc = graphql(`
  fragment ImportFileFields on ImportFile {
    id
    fileName
    format
    encoding
    sheetName
    columns
    rowCount
    sample
    warnings {
      code
      row
      column
      cell
      value
    }
    suggestedMapping {
      column
      field
    }
    mappingSaved
    createdAt
    createdBy
  }
`);

const ImportDryRunDocument = graphql(`
  query ImportDryRun($file: ID!, $mapping: [ColumnMappingInput!]!, $decisions: [RowDecision!], $offset: Int, $limit: Int) {
    importPlan(file: $file, mapping: $mapping, decisions: $decisions) {
      totals {
        rows
        create
        update
        possibleDuplicate
        error
        skip
        warnings
      }
      missingFields
      canApply
      rows(offset: $offset, limit: $limit) {
        row
        action
        decision
        name
        type
        changes
        match {
          entity {
            ...EntityRef
          }
          score
          reason
          matched
        }
        issues {
          row
          column
          field
          value
          code
          severity
          relatedRow
        }
      }
    }
  }
`);

const ImportApplyDocument = graphql(`
  mutation ImportApply($file: ID!, $mapping: [ColumnMappingInput!]!, $decisions: [RowDecision!], $note: String!) {
    applyImport(file: $file, mapping: $mapping, decisions: $decisions, note: $note) {
      changeSet {
        ...FeedChangeSetFields
      }
    }
  }
`);

export type ImportFile = ImportFileFieldsFragment;

/** Rows of the dry run asked for at once. */
export const PLAN_PAGE = 100;

export const importKeys = {
  plan: (file: string, mapping: readonly ColumnMappingInput[], decisions: readonly RowDecision[], offset: number) =>
    ['importPlan', file, mapping, decisions, offset] as const,
};

/**
 * The dry run of one page of rows. While a changed decision is being planned again the previous
 * answer stays on screen (greyed), so the table does not jump.
 */
export function useImportPlan(file: string, mapping: ColumnMappingInput[], decisions: RowDecision[], offset: number) {
  const q = useQuery({
    ...graphqlQuery(importKeys.plan(file, mapping, decisions, offset), ImportDryRunDocument, {
      file,
      mapping,
      decisions,
      offset,
      limit: PLAN_PAGE,
    }),
    placeholderData: keepPreviousData,
  });
  return { data: q.data, error: q.error, loading: q.isFetching, stale: q.isPlaceholderData, reload: () => void q.refetch() };
}

export const useApplyImport = () => useGraphQLMutation(ImportApplyDocument, refreshAfterWrite);

/** A refused upload: an ImportFileErrorCode, UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, or NETWORK / UNKNOWN. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

interface UploadAnswer {
  file?: ImportFile;
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
}

export async function uploadImportFile(file: File): Promise<ImportFile> {
  let res: Response;
  try {
    res = await fetch('/import/upload', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
      body: file,
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new UploadError((err as Error).message || 'network error', 'NETWORK');
  }
  let body: UploadAnswer;
  try {
    body = (await res.json()) as UploadAnswer;
  } catch {
    // A proxy's own page (a 413 from nginx, a 502) instead of the server's JSON.
    throw new UploadError(`HTTP ${res.status}`, res.status === 413 ? 'FILE_TOO_LARGE' : res.status >= 502 ? 'NETWORK' : 'UNKNOWN');
  }
  if (res.ok && body.file) return body.file;
  throw new UploadError(body.error?.message ?? `HTTP ${res.status}`, body.error?.code ?? 'UNKNOWN', body.error?.details ?? {});
}

export function useUploadImportFile() {
  const client = useQueryClient();
  return useMutation<ImportFile, UploadError, File>({
    mutationFn: async (file) => {
      try {
        return await uploadImportFile(file);
      } catch (err) {
        throw err instanceof UploadError ? err : new UploadError(String(err), 'UNKNOWN');
      }
    },
    // A session that ended shows the sign-in page, as a GraphQL request's would.
    onError: (err) => {
      if (err.code === 'UNAUTHENTICATED') void client.invalidateQueries({ queryKey: keys.me() });
    },
  });
}
