/** Chinese UI strings of the explore canvas, paths, edge details and graph exports; spread into zh.ts. */
export const canvasZh = {};
