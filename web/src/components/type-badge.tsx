import type { EntityType } from '../../../shared/model/index.js';
import { ENTITY_STYLE } from '../graph/styles.js';
import { entityTypeLabel, useI18n } from '../i18n/i18n.js';

const channels = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const luminance = (rgb: number[]): number => {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const hex = (rgb: number[]): string => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** WCAG AA for small text is 4.5:1; a little margin for anti-aliasing. */
const TEXT_CONTRAST = 4.8;

/**
 * The type's canvas colour, darkened just enough to be read as small text on the badge's white
 * (a light canvas colour such as the alliances' amber would fail WCAG AA as text).
 */
export function readableTypeColor(color: string): string {
  const rgb = channels(color);
  for (let k = 1; k > 0; k -= 0.04) {
    const dark = rgb.map((v) => v * k);
    if (1.05 / (luminance(dark) + 0.05) >= TEXT_CONTRAST) return hex(dark);
  }
  return '#000000';
}

const READABLE = new Map<string, string>();
const readable = (color: string): string => {
  let c = READABLE.get(color);
  if (!c) READABLE.set(color, (c = readableTypeColor(color)));
  return c;
};

/** A small coloured tag naming an entity type, matching its colour on the canvas. */
export function TypeBadge({ type }: { type: EntityType }) {
  const { lang } = useI18n();
  const color = readable(ENTITY_STYLE[type]?.color ?? '#5f6b76');
  return (
    <span className="type-badge" style={{ color, borderColor: color }}>
      {entityTypeLabel(type, lang)}
    </span>
  );
}
