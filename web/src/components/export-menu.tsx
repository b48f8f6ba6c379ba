/** The export menu of a canvas: subgraph files (JSON, GraphML, CSV, Cypher) and images (PNG, SVG). */
import type { Core } from 'cytoscape';
import { useRef, useState } from 'react';
import { type GraphQLRequestError, toRequestError } from '../api/graphql-client.js';
import type { ExportFormat } from '../../../shared/model/index.js';
import { canvasPng, canvasSvg, EXPORT_MAX_IDS, fetchExport, FILE_FORMATS, saveBlob, type ExportScope } from '../export/export.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/i18n.js';
import { ErrorBanner } from './status.js';
import { useDismiss } from './use-dismiss.js';

const FORMAT_LABEL: Record<ExportFormat, MessageKey> = {
  JSON: 'export.json',
  GRAPHML: 'export.graphml',
  CSV: 'export.csv',
  CYPHER: 'export.cypher',
};

export interface ExportMenuProps {
  getCy: () => Core | null;
  /** What "the current view" is on the server (entities and depth). */
  view: ExportScope | null;
  /** The selection (an entity and its neighbours), if any. */
  selection?: ExportScope | null;
  /** A file name stem for images. */
  name: string;
}

export function ExportMenu({ getCy, view, selection, name }: ExportMenuProps) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<GraphQLRequestError | null>(null);
  const [empty, setEmpty] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useDismiss(box, open, setOpen);

  const file = async (scope: ExportScope, format: ExportFormat) => {
    setBusy(true);
    setFailure(null);
    try {
      const { filename, blob } = await fetchExport({ ...scope, ids: scope.ids.slice(0, EXPORT_MAX_IDS) }, format, lang);
      saveBlob(filename, blob);
      setOpen(false);
    } catch (err) {
      setFailure(toRequestError(err));
    } finally {
      setBusy(false);
    }
  };

  const image = (kind: 'png' | 'svg') => {
    const cy = getCy();
    if (!cy || cy.nodes().empty()) {
      setEmpty(true);
      return;
    }
    saveBlob(`${name}.${kind}`, kind === 'png' ? canvasPng(cy) : canvasSvg(cy));
    setOpen(false);
  };

  const scopes = [
    view && view.ids.length ? { key: 'view', label: t('export.scopeView'), scope: view } : null,
    selection && selection.ids.length ? { key: 'selection', label: t('export.scopeSelection'), scope: selection } : null,
  ].filter((s): s is { key: string; label: string; scope: ExportScope } => s !== null);

  return (
    <div className="export-menu" ref={box}>
      <button type="button" className="btn btn-small" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t('export.title')} ▾
      </button>
      {open && (
        <div className="menu export-dropdown" role="menu">
          {scopes.length === 0 && <div className="menu-note">{t('export.nothing')}</div>}
          {scopes.map((s) => (
            <div key={s.key} className="menu-group">
              <div className="menu-heading">{s.label}</div>
              {FILE_FORMATS.map((f) => (
                <button
                  key={f}
                  type="button"
                  role="menuitem"
                  className="menu-item"
                  disabled={busy}
                  data-format={f}
                  data-scope={s.key}
                  onClick={() => void file(s.scope, f)}
                >
                  {t(FORMAT_LABEL[f])}
                </button>
              ))}
            </div>
          ))}
          <div className="menu-group">
            <div className="menu-heading">{t('export.images')}</div>
            <button type="button" role="menuitem" className="menu-item" data-format="PNG" onClick={() => image('png')}>
              {t('export.png')}
            </button>
            <button type="button" role="menuitem" className="menu-item" data-format="SVG" onClick={() => image('svg')}>
              {t('export.svg')}
            </button>
          </div>
          {busy && <div className="menu-note">{t('common.loading')}</div>}
        </div>
      )}
      {failure && (
        <div className="export-error">
          <ErrorBanner error={failure} onDismiss={() => setFailure(null)} />
        </div>
      )}
      {empty && (
        <div className="export-error" role="status">
          {t('export.nothing')}
          <button type="button" className="link-btn" onClick={() => setEmpty(false)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
