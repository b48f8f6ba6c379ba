/**
 * The codes of the schema's closed sets (read from the real executable schema), and a check that
 * none of them shows on screen as raw text: code-shaped words (SAME_SEGMENT, LOCATED_IN, MISSING,
 * party_alliance, ChainSegment) anywhere; single-word codes (Enterprise, upstream) as a whole text
 * unless that is the code's own label in the current language; and, in Chinese, any text whose only
 * Latin words are codes ("类型: Enterprise").
 */
import type { Page } from 'playwright-core';
import {
  CHAIN_TIER_LABELS,
  ENTITY_KIND_LABELS,
  ENTITY_LABELS,
  type Lang,
  RELATION_KIND_LABELS,
  RELATION_LABELS,
  ROLE_LABELS,
} from '../../../shared/model/index.js';
import { buildSchema } from '../../../server/schema.js';

const CHECKED_ENUMS = [
  'EntityType',
  'RelationType',
  'EntityKind',
  'RelationKind',
  'ChainTier',
  'GapStatus',
  'PartnerRole',
  'EvidenceKind',
  'ChainDirection',
  'QueryParamType',
  'Role',
  'AuditAction',
  'AuditOutcome',
];

export function schemaCodes(): string[] {
  const schema = buildSchema();
  return CHECKED_ENUMS.flatMap((name) => {
    // Duck-typed: the schema may come from another copy of the graphql package than this file's.
    const type = schema.getType(name) as { getValues?: () => { name: string }[] } | undefined;
    if (!type?.getValues) throw new Error(`${name} is not an enum of the schema`);
    return type.getValues().map((v) => v.name);
  });
}

const LABELS: Record<string, Record<Lang, string>> = {
  ...ROLE_LABELS,
  ...ENTITY_LABELS,
  ...RELATION_LABELS,
  ...ENTITY_KIND_LABELS,
  ...RELATION_KIND_LABELS,
  ...CHAIN_TIER_LABELS,
};

const codeShaped = (code: string) => code.includes('_') || /^[A-Z]{3,}$/.test(code) || /^[A-Z][a-z]+[A-Z]/.test(code);

/** What a user can read: each visible text node (outside the Cypher editor), trimmed. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (!el || !text) continue;
      // The Cypher editor and a saved query's Cypher are code by design; <option>s of a closed <select> count.
      if (el.closest('textarea, pre.cypher, code, script, style')) continue;
      if (el.tagName !== 'OPTION' && !el.getClientRects().length) continue;
      out.push(text);
    }
    return out;
  });
}

/** Raw codes on screen, with where they were seen; empty when the view speaks the user's language. */
export async function rawCodesOnScreen(page: Page, lang: Lang, codes: readonly string[]): Promise<string[]> {
  const texts = await visibleTexts(page);
  const all = texts.join('\n');
  const found = new Set<string>();
  const codeSet = new Set(codes);
  for (const code of codes) {
    if (codeShaped(code) && new RegExp(`(?<![A-Za-z0-9_])${code}(?![A-Za-z0-9_])`).test(all)) found.add(`"${code}" in the text`);
    const label = LABELS[code]?.[lang];
    if (label !== code && texts.includes(code)) found.add(`"${code}" as a whole text`);
  }
  // In Chinese, Latin words are codes unless they belong to something longer (an English name,
  // "JSON", "Ctrl + Enter"): a text whose only Latin words are codes shows raw codes.
  if (lang === 'zh') {
    for (const text of texts) {
      const words = text.match(/[A-Za-z_]+/g) ?? [];
      if (words.length && words.every((w) => codeSet.has(w))) for (const w of words) found.add(`"${w}" in "${text}"`);
    }
  }
  return [...found];
}
