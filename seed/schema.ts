/** The zod schema of the curated facts: every entry is checked before anything is written. */
import { z } from 'zod';
import { CHAIN_TIERS, ENTITY_TYPES, RELATION_TYPES } from '../server/domain/model.js';

const text = z.string().trim().min(1);
const date = z.union([
  z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date YYYY, YYYY-MM or YYYY-MM-DD'),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);

const sourceSchema = z.strictObject({ document: text, quote: text });

export const documentSchema = z.strictObject({
  file: text,
  title: text,
  date: date.nullable().optional(),
  publisher: text.nullable().optional(),
  url: text.nullable().optional(),
  note: text.nullable().optional(),
});

export const entitySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an ascii kebab-case id'),
  type: z.enum(ENTITY_TYPES),
  name: text,
  aliases: z.array(text).default([]),
  nameEn: text.nullable().optional(),
  kind: text.nullable().optional(),
  description: text.nullable().optional(),
  tier: z.enum(CHAIN_TIERS).optional(),
  order: z.number().int().optional(),
  date: date.nullable().optional(),
  sources: z.array(sourceSchema),
});

export const relationSchema = z
  .strictObject({
    type: z.enum(RELATION_TYPES),
    from: text,
    to: text,
    role: text.nullable().optional(),
    kind: text.nullable().optional(),
    topic: text.nullable().optional(),
    date: date.nullable().optional(),
    inferred: z.boolean().optional(),
    reason: text.nullable().optional(),
    sources: z.array(sourceSchema).min(1, 'every relation needs at least one source'),
  })
  .refine((r) => !r.inferred || Boolean(r.reason), { message: 'an inferred relation needs a reason', path: ['reason'] });

export type DocumentFact = z.infer<typeof documentSchema>;
export type EntityFact = z.infer<typeof entitySchema>;
export type RelationFact = z.infer<typeof relationSchema>;
