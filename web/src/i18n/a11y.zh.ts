/** Chinese strings of keyboard and screen-reader access: the skip link and the canvas's node list. */
export const a11yZh = {
  'a11y.skipToSearch': '跳到搜索',
  'a11y.nodeList': '画布上的节点（↑↓ 移动，Enter 选中，+ 展开邻居）',
  'a11y.nodeListHint': '↑↓ 移动 · Enter 选中 · + 展开',
  'a11y.selected': '已选中：{name}',
  'a11y.expanded': '正在展开：{name}',
};
