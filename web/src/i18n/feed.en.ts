/** English UI strings of the recent-changes, documents and import views; every key of feed.zh.ts. */
import type { feedZh } from './feed.zh.js';

export const feedEn: Record<keyof typeof feedZh, string> = {
  'tab.changes': 'Changes',
  'tab.import': 'Import',
};
