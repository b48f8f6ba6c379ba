/** Filters by entity and relation type, doubling as the legend (shape and colour of each type). */
import { ENTITY_TYPES, RELATION_TYPES, type EntityType, type RelationType } from '../../../../shared/model/index.js';
import { LineIcon, ShapeIcon } from '../../components/shape-icon.js';
import { ENTITY_STYLE, HIGHLIGHT, RELATION_STYLE } from '../../graph/styles.js';
import { entityTypeLabel, relationLabel, useI18n } from '../../i18n/i18n.js';

export interface FiltersPanelProps {
  entityCounts: Map<string, number>;
  relationCounts: Map<string, number>;
  hideTypes: EntityType[];
  hideRels: RelationType[];
  onChange: (next: { hideTypes: EntityType[]; hideRels: RelationType[] }) => void;
}

const toggle = <T,>(list: T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

export function FiltersPanel({ entityCounts, relationCounts, hideTypes, hideRels, onChange }: FiltersPanelProps) {
  const { t, lang } = useI18n();
  // Types absent from the canvas are listed after the present ones, greyed.
  const entityTypes = [...ENTITY_TYPES].sort((a, b) => Number((entityCounts.get(b) ?? 0) > 0) - Number((entityCounts.get(a) ?? 0) > 0));
  const relationTypes = [...RELATION_TYPES].sort(
    (a, b) => Number((relationCounts.get(b) ?? 0) > 0) - Number((relationCounts.get(a) ?? 0) > 0),
  );
  const filtered = hideTypes.length > 0 || hideRels.length > 0;
  return (
    <div className="filters-panel" data-testid="filters">
      <div className="panel-heading">
        <span>{t('filters.title')}</span>
        {filtered && (
          <button type="button" className="link-btn" onClick={() => onChange({ hideTypes: [], hideRels: [] })}>
            {t('filters.reset')}
          </button>
        )}
      </div>
      <div className="filter-group-title">{t('filters.entityTypes')}</div>
      <ul className="filter-list">
        {entityTypes.map((type) => {
          const n = entityCounts.get(type) ?? 0;
          return (
            <li key={type} className={n === 0 ? 'absent' : ''}>
              <label>
                <input
                  type="checkbox"
                  checked={!hideTypes.includes(type)}
                  onChange={() => onChange({ hideTypes: toggle(hideTypes, type), hideRels })}
                  data-entity-type={type}
                />
                <ShapeIcon shape={ENTITY_STYLE[type].shape} color={ENTITY_STYLE[type].color} />
                <span className="filter-label">{entityTypeLabel(type, lang)}</span>
                <span className="filter-count">{n}</span>
              </label>
            </li>
          );
        })}
      </ul>
      <div className="filter-group-title">{t('filters.relationTypes')}</div>
      <ul className="filter-list">
        {relationTypes.map((type) => {
          const n = relationCounts.get(type) ?? 0;
          return (
            <li key={type} className={n === 0 ? 'absent' : ''}>
              <label>
                <input
                  type="checkbox"
                  checked={!hideRels.includes(type)}
                  onChange={() => onChange({ hideTypes, hideRels: toggle(hideRels, type) })}
                  data-relation-type={type}
                />
                <LineIcon color={RELATION_STYLE[type].color} width={RELATION_STYLE[type].width} />
                <span className="filter-label">{relationLabel(type, lang)}</span>
                <span className="filter-count">{n}</span>
              </label>
            </li>
          );
        })}
      </ul>
      <div className="filter-group-title">{t('legend.title')}</div>
      <ul className="filter-list legend-extra">
        <li>
          <LineIcon color="#8b96a0" dashed />
          <span className="filter-label">{t('legend.inferred')}</span>
        </li>
        <li>
          <LineIcon color={HIGHLIGHT} width={3.5} />
          <span className="filter-label">{t('legend.path')}</span>
        </li>
        <li>
          <span className="legend-swatch legend-pinned" aria-hidden="true" />
          <span className="filter-label">{t('canvas.legend.pinned')}</span>
        </li>
        <li>
          <span className="legend-swatch legend-summary" aria-hidden="true" />
          <span className="filter-label">{t('canvas.legend.summary')}</span>
        </li>
      </ul>
    </div>
  );
}
