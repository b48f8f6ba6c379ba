/**
 * What an entity or relation may hold, checked with zod against the model before anything is written.
 * A bad value is BAD_USER_INPUT naming its field (`details.field`). Names are made canonical here:
 * simplified Chinese, half-width brackets, single spaces; a traditional form typed in is kept as an
 * alias, so search still finds it.
 */
import { z } from 'zod';
import { isValidCreditCode } from '../../../shared/model/curation.js';
import { badInput } from '../errors.js';
import { entityKindsOf, relationKindsOf, RELATION_ENDPOINTS, ROLE_REQUIRED, type EntityType, type RelationType } from '../model.js';
import { toSimplified } from '../text.js';
import type { EntityDraft, RelationDraft } from './types.js';

export const LIMITS = { name: 100, alias: 100, aliases: 30, text: 300, description: 2000, list: 50, item: 100 } as const;

/** Canonical form of a name: simplified, half-width brackets, spaces collapsed. */
export function canonicalName(raw: string): string {
  return toSimplified(raw.normalize('NFKC')).replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/\s+/g, ' ').trim();
}

const text = (max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().max(max, `at most ${max} characters`));
const optionalText = (max: number) =>
  text(max)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null));
const list = (maxItems: number, maxLength: number) =>
  z
    .array(text(maxLength))
    .max(maxItems, `at most ${maxItems} items`)
    .transform((xs) => [...new Set(xs.filter(Boolean))]);

/** YYYY, YYYY-MM or YYYY-MM-DD, a real date. */
export const partialDate = z
  .string()
  .trim()
  .refine((s) => {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
    const date = new Date(Date.UTC(y, mo - 1, d));
    return y >= 1800 && y <= 2100 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  }, 'a real date YYYY, YYYY-MM or YYYY-MM-DD');

const website = z
  .string()
  .trim()
  .transform((s) => (/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`))
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'a web address (http or https)');

/** The fields of an entity any edit may set (type is fixed at creation). */
const entityFields = {
  name: text(LIMITS.name).pipe(z.string().min(1, 'must not be empty')),
  nameEn: optionalText(LIMITS.text),
  aliases: list(LIMITS.aliases, LIMITS.alias),
  kind: z.string().nullable().optional(),
  description: optionalText(LIMITS.description),
  creditCode: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine((s) => s === '' || isValidCreditCode(s), 'not a valid unified social credit code (18 characters, check digit)')
    .nullable()
    .optional()
    .transform((s) => (s ? s : null)),
  registeredCapital: optionalText(LIMITS.item),
  founded: partialDate
    .or(z.literal(''))
    .nullable()
    .optional()
    .transform((s) => (s ? s : null)),
  address: optionalText(LIMITS.text),
  website: website
    .or(z.literal(''))
    .nullable()
    .optional()
    .transform((s) => (s ? s : null)),
  contact: optionalText(LIMITS.item * 2),
  headcount: z.number().int('a whole number').min(0, 'not negative').max(10_000_000).nullable().optional(),
  qualifications: list(20, 50),
  products: list(LIMITS.list, LIMITS.item),
};

const createSchema = z.strictObject({ type: z.string(), ...entityFields });
const patchSchema = z.strictObject(entityFields).partial();

function fail(error: z.ZodError): never {
  const issue = error.issues[0];
  const field = issue.path.map(String).join('.') || null;
  throw badInput(`${field ?? 'input'}: ${issue.message}`, { field });
}

function checkKind(type: EntityType, kind: string | null | undefined): void {
  if (kind == null) return;
  if (!entityKindsOf(type).includes(kind)) throw badInput(`kind: "${kind.slice(0, 40)}" is not a kind of ${type}`, { field: 'kind' });
}

/** The stored fields of a new entity from a draft, or BAD_USER_INPUT naming the field. */
export function checkNewEntity(
  draft: EntityDraft,
  creatable: readonly EntityType[],
): Required<Omit<EntityDraft, 'type'>> & { type: EntityType } {
  const parsed = createSchema.safeParse({ aliases: [], qualifications: [], products: [], ...draft });
  if (!parsed.success) fail(parsed.error);
  const d = parsed.data;
  if (!creatable.includes(d.type as EntityType)) throw badInput(`type: ${d.type} entities cannot be added here`, { field: 'type' });
  const type = d.type as EntityType;
  checkKind(type, d.kind);
  const name = canonicalName(d.name);
  const typed = d.name.trim();
  const aliases = [...new Set([...(typed !== name ? [typed] : []), ...d.aliases.map((a) => a.trim())])].filter((a) => a && a !== name);
  return { ...d, type, name, aliases, kind: (d.kind ?? null) as EntityDraft['kind'] & string, headcount: d.headcount ?? null } as never;
}

/** The checked fields of an edit (only those given), or BAD_USER_INPUT naming the field. */
export function checkEntityPatch(type: EntityType, patch: Partial<EntityDraft>): Partial<EntityDraft> {
  const rest: Partial<EntityDraft> = { ...patch };
  delete rest.type;
  const parsed = patchSchema.safeParse(rest);
  if (!parsed.success) fail(parsed.error);
  const d = parsed.data as Partial<EntityDraft>;
  if ('kind' in d) checkKind(type, d.kind);
  if (d.name !== undefined) {
    const name = canonicalName(d.name);
    if (d.name.trim() !== name) d.aliases = [...new Set([...(d.aliases ?? []), d.name.trim()])];
    d.name = name;
  }
  return d;
}

/** A relation's fields against the model: its kind, its role where one is needed, its date. */
export function checkRelationDraft(d: RelationDraft, types: { from: EntityType; to: EntityType }): RelationDraft {
  const schema = z.strictObject({
    type: z.string(),
    from: z.string().min(1),
    to: z.string().min(1),
    role: optionalText(LIMITS.item),
    kind: z.string().nullable().optional(),
    topic: optionalText(LIMITS.text),
    date: partialDate
      .or(z.literal(''))
      .nullable()
      .optional()
      .transform((s) => (s ? s : null)),
  });
  const parsed = schema.safeParse(d);
  if (!parsed.success) fail(parsed.error);
  const r = parsed.data;
  const type = r.type as RelationType;
  if (r.from === r.to) throw badInput('to: a relation joins two different entities', { field: 'to' });
  const ends = RELATION_ENDPOINTS[type];
  if (ends?.[0] && !ends[0].includes(types.from)) throw badInput(`from: a ${types.from} cannot be the start of ${type}`, { field: 'from' });
  if (ends?.[1] && !ends[1].includes(types.to)) throw badInput(`to: a ${types.to} cannot be the end of ${type}`, { field: 'to' });
  if (ROLE_REQUIRED.includes(type) && !r.role) throw badInput(`role: ${type} needs a role (e.g. 成员, 会长)`, { field: 'role' });
  if (r.kind != null && !relationKindsOf(type).includes(r.kind))
    throw badInput(`kind: "${r.kind.slice(0, 40)}" is not a kind of ${type}`, { field: 'kind' });
  return { ...r, type, kind: (r.kind ?? null) as RelationDraft['kind'] };
}
