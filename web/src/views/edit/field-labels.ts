/** The label of a stored field (in a history diff, a merge preview): the profile's from the model, the rest from the i18n tables; never the raw name. */
import { PROFILE_FIELD_LABELS, type Lang, type ProfileField } from '../../../../shared/model/index.js';
import type { MessageKey, Translate } from '../../i18n/i18n.js';

const OWN: Record<string, MessageKey> = {
  name: 'edit.field.name',
  nameEn: 'edit.field.nameEn',
  aliases: 'edit.field.aliases',
  kind: 'edit.field.kind',
  description: 'edit.field.description',
  type: 'edit.field.type',
  tier: 'edit.field.tier',
  ord: 'edit.field.ord',
  date: 'edit.field.date',
  lastSeen: 'edit.field.lastSeen',
  sources: 'edit.field.sources',
  role: 'edit.field.role',
  topic: 'edit.field.topic',
  inferred: 'edit.field.inferred',
  reason: 'edit.field.reason',
  from: 'edit.field.from',
  to: 'edit.field.to',
};

const isProfileField = (f: string): f is ProfileField => Object.hasOwn(PROFILE_FIELD_LABELS, f);

export function fieldLabel(field: string, t: Translate, lang: Lang): string {
  if (isProfileField(field)) return PROFILE_FIELD_LABELS[field][lang];
  return Object.hasOwn(OWN, field) ? t(OWN[field]) : t('edit.field.other');
}

/** Fields kept as lists: a diff shows the items added and removed. */
export const LIST_FIELDS: readonly string[] = ['aliases', 'qualifications', 'products', 'sources'];
