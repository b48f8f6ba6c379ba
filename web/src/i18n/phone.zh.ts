/** Chinese UI strings of the phone layout (compact header, bottom sheets); spread into zh.ts. */
export const phoneZh = {
  'phone.shortTitle': '生物医药图谱',
  'phone.sheetClose': '关闭',
  'phone.sheetCollapse': '收起面板,露出画布',
  'phone.sheetExpand': '展开面板',
  'phone.filters': '筛选',
  'phone.filtersTitle': '按机构类型和关系类型筛选画布',
};
