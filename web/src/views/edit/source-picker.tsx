/**
 * Where a change's facts come from, as the API takes it (SourceInput): a staff note (the default: what
 * was seen or heard, and the day), a web page (its address, optionally title, date and quote), or a
 * document already in the store with a verbatim quote.
 */
import { useId, useState } from 'react';
import { DOCUMENT_KIND_LABELS } from '../../../../shared/model/index.js';
import type { GraphQLRequestError } from '../../api/graphql-client.js';
import { useDebounced } from '../../components/use-debounced.js';
import type { SourceInput } from '../../gql/graphql.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useDocuments } from './edit-api.js';
import { Field } from './field.js';

export type SourceChoice = 'note' | 'url' | 'document';

export interface SourceDraft {
  kind: SourceChoice;
  note: string;
  /** The day of the visit or call (a staff note). */
  noteDate: string;
  url: string;
  title: string;
  /** The page's publication date (optional). */
  pageDate: string;
  quote: string;
  document: { id: string; title: string } | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Today in the reader's time zone, YYYY-MM-DD. */
export const todayIso = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export const emptySource = (): SourceDraft => ({
  kind: 'note',
  note: '',
  noteDate: todayIso(),
  url: '',
  title: '',
  pageDate: '',
  quote: '',
  document: null,
});

/** True when the source has what the API requires of its kind. */
export function sourceReady(s: SourceDraft): boolean {
  switch (s.kind) {
    case 'note':
      return s.note.trim() !== '';
    case 'url':
      return /^https?:\/\/\S+\.\S+/i.test(s.url.trim());
    case 'document':
      return s.document !== null && s.quote.trim() !== '';
  }
}

export function toSourceInput(s: SourceDraft): SourceInput {
  switch (s.kind) {
    case 'note':
      return { kind: 'note', note: s.note.trim(), date: s.noteDate || null };
    case 'url':
      return { kind: 'url', url: s.url.trim(), title: s.title.trim() || null, date: s.pageDate || null, quote: s.quote.trim() || null };
    case 'document':
      return { kind: 'document', document: s.document?.id ?? '', quote: s.quote.trim() };
  }
}

/** The source fields the API may name in a refusal. */
export const SOURCE_FIELDS = [
  'source',
  'source.kind',
  'source.note',
  'source.url',
  'source.quote',
  'source.document',
  'source.date',
] as const;

const CHOICES: { kind: SourceChoice; label: MessageKey }[] = [
  { kind: 'note', label: 'edit.source.note' },
  { kind: 'url', label: 'edit.source.url' },
  { kind: 'document', label: 'edit.source.document' },
];

export interface SourcePickerProps {
  value: SourceDraft;
  onChange: (next: SourceDraft) => void;
  error: GraphQLRequestError | null;
}

export function SourcePicker({ value, onChange, error }: SourcePickerProps) {
  const { t } = useI18n();
  const name = useId();
  const set = (patch: Partial<SourceDraft>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="source-picker" data-testid="source-picker">
      <legend>
        {t('edit.source.title')}
        <span className="required" aria-hidden>
          *
        </span>
      </legend>
      <div className="segmented" role="radiogroup" aria-label={t('edit.source.kind')}>
        {CHOICES.map((c) => (
          <label key={c.kind} className={value.kind === c.kind ? 'active' : ''}>
            <input type="radio" name={name} value={c.kind} checked={value.kind === c.kind} onChange={() => set({ kind: c.kind })} />
            {t(c.label)}
          </label>
        ))}
      </div>
      {value.kind === 'note' && (
        <div className="form-grid">
          <Field label={t('edit.source.noteText')} required wide field={['source', 'source.note']} error={error}>
            <textarea
              rows={2}
              value={value.note}
              placeholder={t('edit.source.notePlaceholder')}
              onChange={(e) => set({ note: e.target.value })}
              data-testid="source-note"
            />
          </Field>
          <Field label={t('edit.source.noteDate')} field="source.date" error={error}>
            <input type="date" value={value.noteDate} onChange={(e) => set({ noteDate: e.target.value })} />
          </Field>
        </div>
      )}
      {value.kind === 'url' && (
        <div className="form-grid">
          <Field label={t('edit.source.urlAddress')} required wide field={['source', 'source.url']} error={error}>
            <input
              type="url"
              inputMode="url"
              value={value.url}
              placeholder={t('edit.source.urlPlaceholder')}
              onChange={(e) => set({ url: e.target.value })}
              data-testid="source-url"
            />
          </Field>
          <Field label={t('edit.source.urlTitle')}>
            <input value={value.title} onChange={(e) => set({ title: e.target.value })} />
          </Field>
          <Field label={t('edit.source.urlDate')} field="source.date" error={error}>
            <input type="date" value={value.pageDate} onChange={(e) => set({ pageDate: e.target.value })} />
          </Field>
          <Field label={t('edit.source.urlQuote')} wide field="source.quote" error={error}>
            <textarea rows={2} value={value.quote} onChange={(e) => set({ quote: e.target.value })} />
          </Field>
        </div>
      )}
      {value.kind === 'document' && <DocumentChoice value={value} set={set} error={error} />}
    </fieldset>
  );
}

function DocumentChoice({
  value,
  set,
  error,
}: {
  value: SourceDraft;
  set: (patch: Partial<SourceDraft>) => void;
  error: GraphQLRequestError | null;
}) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 250);
  const docs = useDocuments(query, true);
  // Staff notes are each a change's own record: the documents worth quoting are articles, web pages
  // and imported files (a note is still found by searching for its text).
  const list = (docs.data?.documents ?? []).filter((d) => d.kind !== 'note' || query !== '');
  // The chosen document stays listed while another search is shown.
  const shown =
    value.document && !list.some((d) => d.id === value.document?.id) ? [{ ...value.document, kind: null, date: null }, ...list] : list;
  return (
    <div className="form-grid">
      <Field label={t('edit.source.findDocument')} wide>
        <input type="search" value={text} placeholder={t('edit.source.findPlaceholder')} onChange={(e) => setText(e.target.value)} />
      </Field>
      <Field
        label={t('edit.source.pickDocument')}
        required
        wide
        field={['source', 'source.document']}
        error={error}
        hint={docs.loading && !docs.data ? t('common.loading') : docs.data && list.length === 0 ? t('edit.source.noDocuments') : undefined}
      >
        <select
          size={Math.max(3, Math.min(6, shown.length))}
          value={value.document?.id ?? ''}
          onChange={(e) => {
            const d = shown.find((x) => x.id === e.target.value);
            set({ document: d ? { id: d.id, title: d.title } : null });
          }}
          data-testid="source-document"
        >
          {shown.map((d) => (
            <option key={d.id} value={d.id}>
              {[d.title, d.kind ? DOCUMENT_KIND_LABELS[d.kind][lang] : null, d.date].filter(Boolean).join(' · ')}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('edit.source.documentQuote')} required wide field="source.quote" error={error}>
        <textarea rows={2} value={value.quote} onChange={(e) => set({ quote: e.target.value })} />
      </Field>
    </div>
  );
}
