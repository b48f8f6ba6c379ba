/** Shortest paths between two entities, listed as chains of names; hovering one highlights it alone. */
import type { EdgeRef, EntityRef } from '../../api/fragments.js';

export interface Path {
  length: number;
  nodes: readonly EntityRef[];
  edges: readonly EdgeRef[];
}
import { displayName, relationLabel, useI18n } from '../../i18n/i18n.js';

export interface PathsPanelProps {
  from: EntityRef | null;
  to: EntityRef | null;
  paths: readonly Path[] | null;
  loading: boolean;
  maxLength: number;
  active: number | null;
  onActive: (index: number | null) => void;
  onOpen: (id: string) => void;
  onClear: () => void;
}

export function PathsPanel({ from, to, paths, loading, maxLength, active, onActive, onOpen, onClear }: PathsPanelProps) {
  const { t, lang } = useI18n();
  return (
    <section className="paths-panel" data-testid="paths">
      <div className="panel-heading">
        <span>
          {t('paths.title')}
          {from && to && (
            <span className="paths-ends">
              {displayName(from, lang)} → {displayName(to, lang)}
            </span>
          )}
        </span>
        <button type="button" className="link-btn" onClick={onClear}>
          {t('paths.clear')}
        </button>
      </div>
      {loading && !paths && <div className="muted">{t('common.loading')}</div>}
      {paths && paths.length === 0 && <div className="muted">{t('paths.none', { max: maxLength })}</div>}
      <ol className="path-list">
        {paths?.map((p, i) => (
          <li
            key={i}
            className={`path-item ${active === i ? 'active' : ''}`}
            onMouseEnter={() => onActive(i)}
            onMouseLeave={() => onActive(null)}
          >
            <span className="path-length">{t('paths.length', { n: p.length })}</span>
            <span className="path-chain">
              {p.nodes.map((n, j) => (
                <span key={n.id}>
                  {j > 0 && <span className="path-rel"> —{relationLabel(p.edges[j - 1].type, lang)}— </span>}
                  <button type="button" className="entity-link" onClick={() => onOpen(n.id)}>
                    {displayName(n, lang)}
                  </button>
                </span>
              ))}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
