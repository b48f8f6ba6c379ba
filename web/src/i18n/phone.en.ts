/** English UI strings of the phone layout (compact header, bottom sheets); every key of phone.zh.ts. */
import type { phoneZh } from './phone.zh.js';

export const phoneEn: Record<keyof typeof phoneZh, string> = {
  'phone.shortTitle': 'Biomed Graph',
  'phone.sheetClose': 'Close',
  'phone.sheetCollapse': 'Collapse the panel to see the canvas',
  'phone.sheetExpand': 'Expand the panel',
  'phone.filters': 'Filters',
  'phone.filtersTitle': 'Filter the canvas by entity and relation type',
};
