/**
 * Expand one entity by relation type or by the type of its neighbours, with the counts shown before
 * anything is added: how many it links to, and how many of those are not on the canvas yet.
 */
import { useEffect, useMemo } from 'react';
import { ENTITY_TYPES, RELATION_TYPES, type EntityType, type RelationType } from '../../../../shared/model/index.js';
import { useGraphQL } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { LineIcon, ShapeIcon } from '../../components/shape-icon.js';
import { ErrorBanner } from '../../components/status.js';
import { ENTITY_STYLE, RELATION_STYLE } from '../../graph/styles.js';
import { graphql } from '../../gql/index.js';
import { entityTypeLabel, relationLabel, useI18n } from '../../i18n/i18n.js';

const ExpandOptionsDocument = graphql(`
  query ExpandOptions($id: ID!) {
    entity(id: $id) {
      id
      relations {
        type
        direction
        count
        items {
          other {
            id
            type
          }
        }
      }
    }
  }
`);

export interface ExpandChoice {
  /** `id~TYPE`, as in the URL. */
  spec: string;
  /** The neighbours it brings (to show them again if they were hidden or removed). */
  ids: string[];
}

interface Row<T> {
  type: T;
  count: number;
  fresh: number;
  ids: string[];
}

/** Counts by relation type and by neighbour type, from the entity's relation groups. */
export function expandOptions(
  groups: readonly { type: RelationType; count: number; items: readonly { other: { id: string; type: EntityType } }[] }[],
  self: string,
  onCanvas: ReadonlySet<string>,
): { relations: Row<RelationType>[]; types: Row<EntityType>[]; capped: boolean } {
  const byRel = new Map<RelationType, { ids: Set<string>; count: number; capped: boolean }>();
  const byType = new Map<EntityType, Set<string>>();
  for (const g of groups) {
    const r = byRel.get(g.type) ?? { ids: new Set<string>(), count: 0, capped: false };
    r.count += g.count;
    r.capped ||= g.count > g.items.length;
    for (const it of g.items) {
      if (it.other.id === self) continue;
      r.ids.add(it.other.id);
      const t = byType.get(it.other.type) ?? new Set<string>();
      t.add(it.other.id);
      byType.set(it.other.type, t);
    }
    byRel.set(g.type, r);
  }
  const row = <T,>(type: T, ids: Set<string>, count = ids.size): Row<T> => ({
    type,
    count,
    fresh: [...ids].filter((id) => !onCanvas.has(id)).length,
    ids: [...ids],
  });
  return {
    relations: RELATION_TYPES.filter((t) => byRel.has(t)).map((t) => {
      const r = byRel.get(t)!;
      // Cut by the server's cap: the true number of relations, not the neighbours seen.
      return row(t, r.ids, r.capped ? r.count : r.ids.size);
    }),
    types: ENTITY_TYPES.filter((t) => byType.has(t)).map((t) => row(t, byType.get(t)!)),
    capped: [...byRel.values()].some((r) => r.capped),
  };
}

export interface ExpandByTypeProps {
  id: string;
  name: string;
  at: { x: number; y: number };
  onCanvas: ReadonlySet<string>;
  onExpand: (choice: ExpandChoice) => void;
  onClose: () => void;
}

export function ExpandByType({ id, name, at, onCanvas, onExpand, onClose }: ExpandByTypeProps) {
  const { t, lang } = useI18n();
  const q = useGraphQL([...keys.entity(id), 'expandOptions'], ExpandOptionsDocument, { id });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const options = useMemo(() => (q.data?.entity ? expandOptions(q.data.entity.relations, id, onCanvas) : null), [q.data, id, onCanvas]);
  const choose = (spec: string, ids: string[]) => {
    onExpand({ spec: `${id}~${spec}`, ids });
    onClose();
  };
  const counts = (r: Row<string>) => (
    <span className="expand-count">
      <span>{t('canvas.expandBy.count', { n: r.count })}</span>
      <span className={r.fresh ? 'expand-fresh' : 'muted'}>
        {r.fresh ? t('canvas.expandBy.fresh', { n: r.fresh }) : t('canvas.expandBy.allThere')}
      </span>
    </span>
  );
  return (
    <div
      className="menu expand-by-type"
      role="dialog"
      aria-label={t('canvas.expandBy.title')}
      style={{ left: at.x, top: at.y }}
      data-testid="expand-by-type"
    >
      <div className="expand-head">
        <span className="expand-title" title={name}>
          {t('canvas.expandBy.title')} · {name}
        </span>
        <button type="button" className="link-btn" onClick={onClose}>
          {t('canvas.expandBy.close')}
        </button>
      </div>
      {q.error && <ErrorBanner error={q.error} onRetry={q.reload} />}
      {!options && !q.error && <div className="menu-note">{t('canvas.expandBy.loading')}</div>}
      {options && options.relations.length === 0 && <div className="menu-note">{t('canvas.expandBy.none')}</div>}
      {options && options.relations.length > 0 && (
        <>
          <div className="menu-heading">{t('canvas.expandBy.byRelation')}</div>
          {options.relations.map((r) => (
            <button
              key={r.type}
              type="button"
              className="menu-item expand-row"
              data-relation={r.type}
              disabled={r.fresh === 0}
              onClick={() => choose(r.type, r.ids)}
            >
              <LineIcon color={RELATION_STYLE[r.type].color} width={RELATION_STYLE[r.type].width} />
              <span className="expand-label">{relationLabel(r.type, lang)}</span>
              {counts(r)}
            </button>
          ))}
          <div className="menu-heading">{t('canvas.expandBy.byType')}</div>
          {options.types.map((r) => (
            <button
              key={r.type}
              type="button"
              className="menu-item expand-row"
              data-entity={r.type}
              disabled={r.fresh === 0}
              onClick={() => choose(r.type, r.ids)}
            >
              <ShapeIcon shape={ENTITY_STYLE[r.type].shape} color={ENTITY_STYLE[r.type].color} />
              <span className="expand-label">{entityTypeLabel(r.type, lang)}</span>
              {counts(r)}
            </button>
          ))}
          {options.capped && <div className="menu-note">{t('canvas.expandBy.capped', { n: 1000 })}</div>}
        </>
      )}
    </div>
  );
}
