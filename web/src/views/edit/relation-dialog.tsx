/**
 * Adding a relation between an entity and another (chosen by search, or the node a line was drawn
 * to on the canvas): its type, direction, role, kind, topic and date, and its source. The model's
 * rules (which types may be linked how, which relations need a role) are the server's; its refusal
 * is shown next to the field it names.
 */
import { useState, type FormEvent } from 'react';
import { RELATION_TYPES, relationKindsOf, type EntityType, type RelationKind, type RelationType } from '../../../../shared/model/index.js';
import { TypeBadge } from '../../components/type-badge.js';
import { displayName, relationKindLabel, relationLabel, useI18n } from '../../i18n/i18n.js';
import { ChangeFooter } from './change-footer.js';
import { submitChange, useAddRelation } from './edit-api.js';
import { EntityPicker, type Picked } from './entity-picker.js';
import { Field } from './field.js';
import { Modal } from './modal.js';
import { emptySource, sourceReady, toSourceInput } from './source-picker.js';

/** Relations that need a role (a membership's role, a title held); the server says so too. */
export const ROLE_REQUIRED: readonly RelationType[] = ['MEMBER_OF', 'SERVES_IN'];

/** Roles seen in the sources, offered while typing (stored as written, in Chinese). */
const ROLE_SUGGESTIONS = [
  '成员单位',
  '召集单位',
  '会长单位',
  '副会长单位',
  '理事单位',
  '监事单位',
  '秘书长单位',
  '会长',
  '副会长',
  '秘书长',
  '理事',
  '主任',
  '书记',
];

type Direction = 'out' | 'in';

/** The likeliest relation from an entity of type `a` to one of type `b`, if there is one. */
function likely(a: EntityType, b: EntityType): RelationType | null {
  if (b === 'ChainSegment' && (a === 'Enterprise' || a === 'Hospital')) return 'IN_SEGMENT';
  if (a === 'Person') return 'SERVES_IN';
  if (b === 'Event') return 'PARTICIPATES_IN';
  if (b === 'Park' || b === 'Region') return a === 'Park' || a === 'Region' ? 'PART_OF' : 'LOCATED_IN';
  if (b === 'Alliance') return a === 'Alliance' ? 'PART_OF' : 'MEMBER_OF';
  if (a === 'Hospital' && b === 'University') return 'AFFILIATED_WITH';
  if (a === 'Government') return 'GUIDES';
  return null;
}

/** A first guess of type and direction for a relation between `anchor` and `other` (the person can change both). */
export function guessRelation(anchor: EntityType, other: EntityType): { type: RelationType; direction: Direction } {
  const out = likely(anchor, other);
  if (out) return { type: out, direction: 'out' };
  const back = likely(other, anchor);
  if (back) return { type: back, direction: 'in' };
  return { type: 'SIGNED', direction: 'out' };
}

export interface RelationDialogProps {
  /** The entity the relation is added from (the details panel's, or where the line starts). */
  anchor: Picked;
  /** The other end, when already known (the node a line was drawn to). */
  other?: Picked | null;
  onClose: () => void;
  onDone: (ends: { from: string; to: string }) => void;
}

export function RelationDialog({ anchor, other: initialOther, onClose, onDone }: RelationDialogProps) {
  const { t, lang } = useI18n();
  const first = initialOther
    ? guessRelation(anchor.type, initialOther.type)
    : { type: 'MEMBER_OF' as RelationType, direction: 'out' as Direction };
  const [other, setOther] = useState<Picked[]>(initialOther ? [initialOther] : []);
  const [type, setType] = useState<RelationType>(first.type);
  const [direction, setDirection] = useState<Direction>(first.direction);
  const [typeTouched, setTypeTouched] = useState(false);
  const [role, setRole] = useState('');
  const [kind, setKind] = useState('');
  const [topic, setTopic] = useState('');
  const [date, setDate] = useState('');
  const [source, setSource] = useState(emptySource);
  const [note, setNote] = useState('');
  const add = useAddRelation();

  const end = other[0] ?? null;
  const kinds = relationKindsOf(type) as RelationKind[];
  const needsRole = ROLE_REQUIRED.includes(type);
  const ready = end !== null && (!needsRole || role.trim() !== '') && sourceReady(source);
  const [from, to] = direction === 'out' ? [anchor, end] : [end, anchor];

  const pickOther = (next: Picked[]) => {
    setOther(next);
    // Until the person chose a type, follow the likeliest one for the new end.
    if (next[0] && !typeTouched) {
      const g = guessRelation(anchor.type, next[0].type);
      setType(g.type);
      setDirection(g.direction);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready || !from || !to) return;
    submitChange(
      add,
      {
        input: {
          type,
          from: from.id,
          to: to.id,
          role: role.trim() || null,
          kind: kinds.length && kind ? (kind as RelationKind) : null,
          topic: topic.trim() || null,
          date: date.trim() || null,
        },
        note: note.trim(),
        source: toSourceInput(source),
      },
      () => onDone({ from: from.id, to: to.id }),
    );
  };

  const name = (p: Picked | null) => (p ? displayName(p, lang) : t('edit.rel.otherEnd'));
  return (
    <Modal title={t('edit.rel.title')} onClose={onClose} testId="add-relation">
      <form className="edit-form" onSubmit={submit}>
        <div className="form-grid">
          <div className="efield span-2">
            <span className="efield-label">{t('edit.rel.this')}</span>
            <span className="picked">
              <span className="picked-name">{displayName(anchor, lang)}</span>
              <TypeBadge type={anchor.type} />
            </span>
          </div>
          <EntityPicker
            label={t('edit.rel.other')}
            types={[]}
            value={other}
            onChange={pickOther}
            required
            placeholder={t('edit.rel.otherPlaceholder')}
            field={['from', 'to']}
            error={add.error}
            testId="pick-other"
            wide
          />
          <Field label={t('edit.rel.type')} required field="type" error={add.error}>
            <select
              value={type}
              onChange={(e) => {
                setType(e.target.value as RelationType);
                setTypeTouched(true);
                setKind('');
              }}
              data-testid="rel-type"
            >
              {RELATION_TYPES.map((r) => (
                <option key={r} value={r}>
                  {relationLabel(r, lang)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('edit.rel.direction')}>
            <select value={direction} onChange={(e) => setDirection(e.target.value as Direction)} data-testid="rel-direction">
              <option value="out">{t('edit.rel.directionOut')}</option>
              <option value="in">{t('edit.rel.directionIn')}</option>
            </select>
          </Field>
          <p className="rel-preview span-2" data-testid="rel-preview">
            <span className="rel-end">{name(from)}</span>
            <span className="rel-arrow">
              {' —'}
              {relationLabel(type, lang)}
              {'→ '}
            </span>
            <span className="rel-end">{name(to)}</span>
          </p>
          <Field
            label={t('edit.rel.role')}
            required={needsRole}
            field="role"
            error={add.error}
            hint={needsRole ? t('edit.rel.roleHint') : undefined}
          >
            <input value={role} onChange={(e) => setRole(e.target.value)} list="edit-role-suggestions" data-testid="rel-role" />
          </Field>
          <datalist id="edit-role-suggestions">
            {ROLE_SUGGESTIONS.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          {kinds.length > 0 ? (
            <Field label={t('edit.rel.kind')} field="kind" error={add.error}>
              <select value={kind} onChange={(e) => setKind(e.target.value)}>
                <option value="">{t('edit.unspecified')}</option>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {relationKindLabel(k, lang)}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <div className="form-grid-spacer" aria-hidden />
          )}
          <Field label={t('edit.rel.topic')} field="topic" error={add.error}>
            <input value={topic} onChange={(e) => setTopic(e.target.value)} />
          </Field>
          <Field label={t('edit.rel.date')} field="date" error={add.error} hint={t('edit.partialDateHint')}>
            <input value={date} placeholder={t('edit.datePlaceholder')} onChange={(e) => setDate(e.target.value)} />
          </Field>
        </div>
        <ChangeFooter
          source={{ value: source, onChange: setSource }}
          note={note}
          onNote={setNote}
          error={add.error}
          busy={add.isPending}
          ready={ready}
          submitLabel={t('edit.rel.submit')}
          onCancel={onClose}
          shownFields={['from', 'to', 'type', 'role', 'kind', 'topic', 'date']}
        />
      </form>
    </Modal>
  );
}
