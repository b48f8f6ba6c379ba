/** Downloads: subgraph files from the server's GET /export route, and images from the canvas. */
import type { Core } from 'cytoscape';
import { GraphQLRequestError } from '../api/graphql-client.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/model/index.js';
import type { Lang } from '../i18n/i18n.js';

export const FILE_FORMATS: readonly ExportFormat[] = EXPORT_FORMATS;

export interface ExportScope {
  ids: string[];
  depth: number;
}

export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const filenameFrom = (disposition: string | null): string | null => {
  const m = disposition?.match(/filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i);
  if (!m) return null;
  return m[1] ? decodeURIComponent(m[1]) : (m[2] ?? null);
};

/** The download URL; label columns (GraphML, CSV) are in `lang`. */
export const exportUrl = (scope: ExportScope, format: ExportFormat, lang: Lang): string =>
  `/export?${new URLSearchParams({ ids: scope.ids.join(','), depth: String(scope.depth), format: format.toLowerCase(), lang })}`;

/** At most this many entities per export request (the server's limit). */
export const EXPORT_MAX_IDS = 100;

/**
 * Fetches the file from GET /export. A download, not data for the screen: it is not cached, and it
 * goes straight to a file (the route streams the right file name and type).
 */
export async function fetchExport(scope: ExportScope, format: ExportFormat, lang: Lang): Promise<{ filename: string; blob: Blob }> {
  let res: Response;
  try {
    res = await fetch(exportUrl(scope, format, lang));
  } catch (err) {
    throw new GraphQLRequestError((err as Error).message, 'NETWORK');
  }
  if (res.ok) {
    const filename = filenameFrom(res.headers.get('content-disposition')) ?? `graph.${format.toLowerCase()}`;
    return { filename, blob: await res.blob() };
  }
  // The route answers errors as { error: { code, message } }, with the GraphQL API's codes.
  let message = `HTTP ${res.status}`;
  let code = 'HTTP_ERROR';
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    message = body.error?.message ?? message;
    code = body.error?.code ?? code;
  } catch {
    // not JSON; keep the status
  }
  throw new GraphQLRequestError(message, code);
}

export function canvasPng(cy: Core): Blob {
  return cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 }) as unknown as Blob;
}

export function canvasSvg(cy: Core): Blob {
  const svg = (cy as unknown as { svg: (o: object) => string }).svg({ full: true, scale: 1, bg: '#ffffff' });
  return new Blob([svg], { type: 'image/svg+xml' });
}
