/**
 * The export menu of a canvas: files (JSON, GraphML, CSV, Cypher) of the current view or of the
 * selection, and images (PNG, SVG) of what the canvas draws.
 */
import type { Core } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { type GraphQLRequestError, toRequestError } from '../api/graphql-client.js';
import type { ExportFormat } from '../../../shared/model/index.js';
import {
  canvasPng,
  canvasSvg,
  EXPORT_MAX_IDS,
  EXPORT_MAX_VIEW_IDS,
  EXPORT_MAX_VIEW_LINKS,
  fetchExport,
  fetchViewExport,
  FILE_FORMATS,
  saveBlob,
  visibleView,
  type ExportScope,
  type ViewElements,
} from '../export/export.js';
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
  /**
   * The view's entities on the server, used only while the view has no canvas to read: with a
   * canvas, "the current view" is what it shows (its visible entities and the links drawn).
   */
  view: ExportScope | null;
  /** The selection (an entity and its neighbours), if any. */
  selection?: ExportScope | null;
  /** A file name stem for images. */
  name: string;
}

type Scope = { key: 'view'; elements: ViewElements } | { key: 'view' | 'selection'; scope: ExportScope };

export function ExportMenu({ getCy, view, selection, name }: ExportMenuProps) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<GraphQLRequestError | null>(null);
  const [empty, setEmpty] = useState(false);
  // What the canvas showed when the menu was opened: the counts on screen are the file's.
  const [shown, setShown] = useState<ViewElements | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useDismiss(box, open, setOpen);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const toggle = () => {
    if (!open) {
      const cy = getCy();
      setShown(cy ? visibleView(cy) : null);
      setEmpty(false);
    }
    setOpen((o) => !o);
  };

  const file = async (s: Scope, format: ExportFormat) => {
    setBusy(true);
    setFailure(null);
    try {
      const { filename, blob } =
        'elements' in s ? await fetchViewExport(s.elements, format, lang) : await fetchExport(s.scope, format, lang);
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
    if (!cy || cy.nodes(':visible').empty()) {
      setEmpty(true);
      return;
    }
    saveBlob(`${name}.${kind}`, kind === 'png' ? canvasPng(cy) : canvasSvg(cy));
    setOpen(false);
  };

  const viewScope: Scope | null = shown
    ? shown.ids.length
      ? { key: 'view', elements: shown }
      : null
    : view && view.ids.length
      ? { key: 'view', scope: view }
      : null;
  const tooLarge = shown !== null && (shown.ids.length > EXPORT_MAX_VIEW_IDS || shown.links.length > EXPORT_MAX_VIEW_LINKS);
  const groups = [
    viewScope ? { label: t('export.scopeView'), s: viewScope } : null,
    selection && selection.ids.length ? { label: t('export.scopeSelection'), s: { key: 'selection', scope: selection } as Scope } : null,
  ].filter((g): g is { label: string; s: Scope } => g !== null);

  return (
    <div className="export-menu" ref={box}>
      <button type="button" className="btn btn-small" aria-haspopup="menu" aria-expanded={open} onClick={toggle}>
        {t('export.title')} ▾
      </button>
      {open && (
        <div className="menu export-dropdown" role="menu">
          {groups.length === 0 && <div className="menu-note">{t('export.nothing')}</div>}
          {groups.map(({ label, s }) => {
            // Never a silently shortened file: past a limit the menu says so and offers no file.
            const blocked = 'elements' in s ? tooLarge : s.scope.ids.length > EXPORT_MAX_IDS;
            return (
              <div key={s.key} className="menu-group">
                <div className="menu-heading">{label}</div>
                {'elements' in s && (
                  <div className="menu-note" data-testid="export-view-count">
                    {t('export.viewCount', { nodes: s.elements.ids.length, links: s.elements.links.length })}
                  </div>
                )}
                {blocked && (
                  <div className="menu-note" role="status" data-testid="export-too-large">
                    {'elements' in s
                      ? t('export.tooLarge', { nodes: EXPORT_MAX_VIEW_IDS, links: EXPORT_MAX_VIEW_LINKS })
                      : t('export.tooManyIds', { n: EXPORT_MAX_IDS })}
                  </div>
                )}
                {FILE_FORMATS.map((f) => (
                  <button
                    key={f}
                    type="button"
                    role="menuitem"
                    className="menu-item"
                    disabled={busy || blocked}
                    data-format={f}
                    data-scope={s.key}
                    onClick={() => void file(s, f)}
                  >
                    {t(FORMAT_LABEL[f])}
                  </button>
                ))}
              </div>
            );
          })}
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
