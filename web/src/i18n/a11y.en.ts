/** English strings of keyboard and screen-reader access; every key of a11y.zh.ts. */
import type { a11yZh } from './a11y.zh.js';

export const a11yEn: Record<keyof typeof a11yZh, string> = {
  'a11y.skipToSearch': 'Skip to search',
  'a11y.nodeList': 'Nodes on the canvas (↑↓ move, Enter selects, + expands its neighbours)',
  'a11y.nodeListHint': '↑↓ move · Enter select · + expand',
  'a11y.selected': 'Selected: {name}',
  'a11y.expanded': 'Expanding: {name}',
};
