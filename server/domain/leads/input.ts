/** Checks of what people type into a lead: lengths, dates, amounts and link-only attachments. */
import { badInput } from '../errors.js';
import type { Attachment } from './types.js';

export const LEAD_LIMITS = { text: 500, note: 4000, who: 200, attachments: 10, url: 2000, collaborators: 20 } as const;

export function optionalText(v: string | null | undefined, field: string, max: number = LEAD_LIMITS.text): string | null {
  if (v === null || v === undefined) return null;
  const s = v.trim();
  if (s.length > max) throw badInput(`${field} must be at most ${max} characters`, { field });
  return s || null;
}

/** An ISO 8601 date-time (or a date, meaning its start in Shanghai), as ISO in UTC. */
export function optionalTime(v: string | null | undefined, field: string): string | null {
  if (v === null || v === undefined || v.trim() === '') return null;
  const s = v.trim();
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00+08:00` : s);
  if (!/^\d{4}-\d{2}-\d{2}/.test(s) || Number.isNaN(t)) throw badInput(`${field} must be an ISO date or date-time`, { field });
  return new Date(t).toISOString();
}

/** A real calendar date YYYY-MM-DD. */
export function checkDay(v: string, field: string): string {
  const s = v.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) {
    throw badInput(`${field} must be a date YYYY-MM-DD`, { field });
  }
  return s;
}

/** A non-negative whole amount (万元, ㎡), or null. */
export function optionalAmount(v: number | null | undefined, field: string): number | null {
  if (v === null || v === undefined) return null;
  if (!Number.isInteger(v) || v < 0 || v > 1e12) throw badInput(`${field} must be a whole number from 0`, { field });
  return v;
}

/** Attachments are links only: http or https URLs (no upload, no file:, javascript: or data: URL). */
export function checkAttachments(list: readonly { url: string; title?: string | null }[] | null | undefined): Attachment[] {
  const items = list ?? [];
  if (items.length > LEAD_LIMITS.attachments) throw badInput(`at most ${LEAD_LIMITS.attachments} attachments`, { field: 'attachments' });
  return items.map((a, i) => {
    const raw = a.url.trim();
    let url: URL | null = null;
    try {
      url = new URL(raw);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || raw.length > LEAD_LIMITS.url) {
      throw badInput('an attachment is a link: an http or https URL', { field: `attachments.${i}.url`, reason: 'NOT_A_LINK' });
    }
    return { url: url.toString(), title: optionalText(a.title, `attachments.${i}.title`, 200) };
  });
}
