/** English UI strings of the saved queries and the cypher editor; every key of queries.zh.ts. */
import type { queriesZh } from './queries.zh.js';

export const queriesEn: Record<keyof typeof queriesZh, string> = {};
