/** English UI strings of the key players and partners views; every key of players.zh.ts. */
import type { playersZh } from './players.zh.js';

export const playersEn: Record<keyof typeof playersZh, string> = {};
