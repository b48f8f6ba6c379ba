/** Downloads: subgraph files from the server (/export, else exportSubgraph) and images from the canvas. */
import type { Core } from 'cytoscape';
import { gql, GraphQLRequestError } from '../api/graphql-client.js';
import { EXPORT_SUBGRAPH } from '../api/queries.js';
import type { ExportFile, ExportFormat } from '../api/types.js';

export const FILE_FORMATS: ExportFormat[] = ['JSON', 'GRAPHML', 'CSV', 'CYPHER'];

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

export const exportUrl = (scope: ExportScope, format: ExportFormat): string =>
  `/export?${new URLSearchParams({ ids: scope.ids.join(','), depth: String(scope.depth), format: format.toLowerCase() })}`;

/** At most this many entities per export request (the server's limit). */
export const EXPORT_MAX_IDS = 100;

/** Fetches the file from GET /export; falls back to the exportSubgraph query where the route is absent. */
export async function fetchExport(scope: ExportScope, format: ExportFormat): Promise<{ filename: string; blob: Blob }> {
  try {
    const res = await fetch(exportUrl(scope, format));
    const type = res.headers.get('content-type') ?? '';
    // An HTML answer is the app's own page (no such route): use GraphQL instead.
    if (res.ok && !type.startsWith('text/html')) {
      const filename = filenameFrom(res.headers.get('content-disposition')) ?? `graph.${format.toLowerCase()}`;
      return { filename, blob: await res.blob() };
    }
    if (!res.ok && !type.startsWith('text/html')) {
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
  } catch (err) {
    if (err instanceof GraphQLRequestError) throw err;
    throw new GraphQLRequestError((err as Error).message, 'NETWORK');
  }
  const { exportSubgraph: file } = await gql<{ exportSubgraph: ExportFile }>(EXPORT_SUBGRAPH, { ...scope, format });
  return { filename: file.filename, blob: new Blob([file.content], { type: file.mimeType }) };
}

export function canvasPng(cy: Core): Blob {
  return cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 }) as unknown as Blob;
}

export function canvasSvg(cy: Core): Blob {
  const svg = (cy as unknown as { svg: (o: object) => string }).svg({ full: true, scale: 1, bg: '#ffffff' });
  return new Blob([svg], { type: 'image/svg+xml' });
}
