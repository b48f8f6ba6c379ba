/** Chinese UI strings of the editing (Explore details panel, add/merge/history); spread into zh.ts. */
export const editZh = {
  'edit.title': '编辑',
} as const;
