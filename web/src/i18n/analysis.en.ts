/** English UI strings of the gap report, chain map, region comparison and region picker; every key of analysis.zh.ts. */
import type { analysisZh } from './analysis.zh.js';

export const analysisEn: Record<keyof typeof analysisZh, string> = {};
