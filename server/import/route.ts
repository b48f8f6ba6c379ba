/**
 * POST /import/upload: an editor's .csv / .xlsx, sent as the raw bytes (Content-Type
 * application/octet-stream, the name in X-File-Name, URI-encoded). Not GraphQL: a file does not
 * belong in a JSON body, and this route has its own size limit. A cross-site page cannot send it
 * (a non-form content type needs a CORS preflight, which only CORS_ORIGINS pass), and it needs the
 * same session and role as the import queries. Answers `{ file }` or `{ error: { code, message } }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { admit, sendError } from '../auth/routes.js';
import type { Auth } from '../auth/service.js';
import { authorName } from '../auth/caller.js';
import type { GraphStore } from '../store/types.js';
import { ImportFileError } from './errors.js';
import { DEFAULT_MAX_BYTES, parseImportFile } from './parse.js';
import { mappingFor, saveImportFile, type StoredImportFile } from './service.js';
import type { ImportField } from '../../shared/model/curation.js';

/** The ImportFile the API shows: what was read, a few sample rows, and a mapping to start from. */
export function importFileView(file: StoredImportFile, mapping: { mapping: Record<string, ImportField | null>; saved: boolean }) {
  return {
    id: file.id,
    fileName: file.fileName,
    format: file.sheet.format,
    encoding: file.sheet.encoding,
    sheetName: file.sheet.sheetName,
    columns: file.sheet.columns,
    rowCount: file.sheet.rows.length,
    sample: file.sheet.rows.slice(0, 5).map((r) => r.cells),
    warnings: file.sheet.warnings.map((w) => ({ code: w.code, row: w.row, column: w.column, cell: w.cell, value: w.value })),
    suggestedMapping: file.sheet.columns.map((column) => ({ column, field: mapping.mapping[column] ?? null })),
    mappingSaved: mapping.saved,
    createdAt: file.createdAt,
    createdBy: file.createdBy,
  };
}

function fail(res: ServerResponse, status: number, code: string, message: string, details: Record<string, unknown> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: { code, message, details } }));
}

/** The body, or null when it is larger than `max` (the rest is not read). */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function importUploadRoute(
  auth: Auth,
  store: GraphStore,
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<void> {
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' });
    return void res.end();
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/octet-stream') {
    return fail(res, 415, 'BAD_USER_INPUT', 'send the file as application/octet-stream');
  }
  const caller = await admit(auth, req, res, 'importFile');
  if (!caller) return;
  const username = authorName(caller);
  if (!username) return fail(res, 401, 'UNAUTHENTICATED', 'Sign in first.');
  let fileName = 'upload';
  try {
    fileName =
      decodeURIComponent(String(req.headers['x-file-name'] ?? 'upload'))
        .replace(/\p{Cc}/gu, '')
        .slice(0, 200) || 'upload';
  } catch {
    return fail(res, 400, 'BAD_USER_INPUT', 'X-File-Name must be URI-encoded');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () => {
    // The rest of the body is not read: the answer closes the connection.
    res.setHeader('connection', 'close');
    fail(res, 413, 'FILE_TOO_LARGE', `the file is larger than ${Math.round(maxBytes / 1048576)} MB`, { limitBytes: maxBytes });
  };
  if (declared > maxBytes) return tooLarge();
  try {
    const body = await readBody(req, maxBytes);
    if (!body) return tooLarge();
    const sheet = await parseImportFile(fileName, body, { maxBytes });
    const file = await saveImportFile(store, fileName, sheet, username);
    const view = importFileView(file, await mappingFor(store, username, sheet.columns));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ file: view }));
  } catch (err) {
    if (err instanceof ImportFileError) return fail(res, 400, err.code, err.message, err.details);
    sendError(res, err);
  }
}
