/**
 * Words for a change, from its codes: the counts of a change set as a phrase ("新增 2 个机构、3 条关系"),
 * a stored field's label, a stored value as a reader sees it, and the items a list field gained or lost.
 */
import {
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  PROFILE_FIELD_LABELS,
  PROFILE_FIELDS,
  REVISION_OP_LABELS,
  REVISION_OPS,
  type ImportField,
  type ProfileField,
  type RevisionOp,
  type TargetKind,
} from '../../../../shared/model/curation.js';
import type { Lang } from '../../../../shared/model/index.js';
import { modelCodeLabel, type Translate } from '../../i18n/i18n.js';

/** Stored fields that are not profile or import fields, each with a label in feed.zh.ts (`changeField.…`). */
export const OWN_FIELDS = [
  'name',
  'nameEn',
  'aliases',
  'type',
  'kind',
  'tier',
  'description',
  'sources',
  'date',
  'lastSeen',
  'ord',
  'role',
  'topic',
  'inferred',
  'reason',
  'from',
  'to',
] as const;
type OwnField = (typeof OWN_FIELDS)[number];

const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** A stored field's label; a field the app does not know reads "other property" (the code in the tooltip). */
export function fieldLabel(field: string, lang: Lang, t: Translate): string {
  if (isOneOf<ProfileField>(PROFILE_FIELDS, field)) return PROFILE_FIELD_LABELS[field][lang];
  if (isOneOf<OwnField>(OWN_FIELDS, field)) return t(`changeField.${field}`);
  if (isOneOf<ImportField>(IMPORT_FIELDS, field)) return IMPORT_FIELD_LABELS[field][lang];
  return t('changeField.other');
}

export interface Count {
  target: TargetKind;
  op: RevisionOp;
  count: number;
}

/** "新增 2 个机构、3 条关系；修改 1 个机构" — grouped by what was done, in the ops' order. */
export function countsPhrase(counts: readonly Count[], lang: Lang, t: Translate): string {
  const groups: string[] = [];
  for (const op of REVISION_OPS) {
    const parts: string[] = [];
    for (const target of ['ENTITY', 'RELATION'] as const) {
      const n = counts.filter((c) => c.op === op && c.target === target).reduce((sum, c) => sum + c.count, 0);
      if (n === 0) continue;
      const key =
        target === 'ENTITY'
          ? n === 1
            ? 'changes.entityOne'
            : 'changes.entityMany'
          : n === 1
            ? 'changes.relationOne'
            : 'changes.relationMany';
      parts.push(t(key, { count: n }));
    }
    if (parts.length) groups.push(`${REVISION_OP_LABELS[op][lang]} ${parts.join(t('changes.listSep'))}`);
  }
  return groups.join(t('changes.groupSep'));
}

/** Total revisions of a change set. */
export const totalCount = (counts: readonly Count[]): number => counts.reduce((sum, c) => sum + c.count, 0);

const keyOf = (v: unknown) => JSON.stringify(v);

/** What a list field gained and lost between two versions (items compared whole). */
export function listDiff(before: unknown, after: unknown): { added: unknown[]; removed: unknown[] } {
  const b = Array.isArray(before) ? before : [];
  const a = Array.isArray(after) ? after : [];
  const had = new Set(b.map(keyOf));
  const has = new Set(a.map(keyOf));
  return { added: a.filter((x) => !had.has(keyOf(x))), removed: b.filter((x) => !has.has(keyOf(x))) };
}

export const isList = (before: unknown, after: unknown): boolean =>
  (Array.isArray(before) || before === null || before === undefined) &&
  (Array.isArray(after) || after === null || after === undefined) &&
  (Array.isArray(before) || Array.isArray(after));

/** A stored value as text: codes as their labels, booleans as 是/否, a source as its quote. */
export function valueText(field: string, value: unknown, lang: Lang, t: Translate): string {
  if (value === null || value === undefined || value === '') return t('changes.emptyValue');
  if (typeof value === 'boolean') return value ? t('changes.yes') : t('changes.no');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (field === 'type' || field === 'kind' || field === 'tier') return modelCodeLabel(value, lang) ?? value;
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => valueText(field, v, lang, t)).join(t('changes.listSep'));
  if (typeof value === 'object') {
    const quote = (value as { quote?: unknown }).quote;
    if (typeof quote === 'string' && quote) return t('changes.quoted', { quote });
    return t('changes.sourceWithoutQuote');
  }
  return String(value);
}

/** Fields a revision lists: for a relation its type and ends are in its heading already. */
export const shownField = (target: TargetKind, field: string): boolean =>
  !(target === 'RELATION' && (field === 'type' || field === 'from' || field === 'to'));

/** A fact a change set changed, as its card lists it: an entity by its name, a relation by its ends'. */
export interface AboutRevision {
  target: TargetKind;
  targetId: string;
  label: string;
  fromId?: string | null;
  toId?: string | null;
  fromName?: string | null;
  toName?: string | null;
}

/**
 * The organisations (and other entities) a change set is about, from its first revisions: an entity
 * changed by its name, a relation by its two ends; each once, in order, at most `max`.
 */
export function aboutEntities(revisions: readonly AboutRevision[], max = 3): { id: string; name: string }[] {
  const out = new Map<string, string>();
  for (const r of revisions) {
    const ends: [string | null | undefined, string | null | undefined][] =
      r.target === 'ENTITY'
        ? [[r.targetId, r.label]]
        : [
            [r.fromId, r.fromName],
            [r.toId, r.toName],
          ];
    for (const [id, name] of ends) if (id && name && !out.has(id)) out.set(id, name);
  }
  return [...out].slice(0, max).map(([id, name]) => ({ id, name }));
}
