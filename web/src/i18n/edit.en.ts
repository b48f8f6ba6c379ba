/** English UI strings of the editing; every key of edit.zh.ts. */
import type { editZh } from './edit.zh.js';

export const editEn: Record<keyof typeof editZh, string> = {
  'edit.title': 'Edit',
};
