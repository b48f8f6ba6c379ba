/** Chinese UI strings of the recent-changes, documents and import views; spread into zh.ts. */
export const feedZh = {
  'tab.changes': '变更',
  'tab.import': '导入',
} as const;
