import type { EntityType } from '../../../shared/model/index.js';
import { ENTITY_STYLE } from '../graph/styles.js';
import { entityTypeLabel, useI18n } from '../i18n/i18n.js';

/** A small coloured tag naming an entity type, matching its colour on the canvas. */
export function TypeBadge({ type }: { type: EntityType }) {
  const { lang } = useI18n();
  const color = ENTITY_STYLE[type]?.color ?? '#777';
  return (
    <span className="type-badge" style={{ color, borderColor: color }}>
      {entityTypeLabel(type, lang)}
    </span>
  );
}
