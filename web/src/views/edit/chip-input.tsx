/** A list of short texts (aliases, qualifications, products) as removable chips; Enter, a comma or leaving the box adds what was typed. */
import { useId, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n.js';

export interface ChipInputProps {
  values: readonly string[];
  onChange: (next: string[]) => void;
  /** The accessible name of the text box (the visible label wraps the whole field). */
  label: string;
  placeholder?: string;
  /** Offered while typing (free text is allowed). */
  suggestions?: readonly string[];
  testId?: string;
}

const SEPARATORS = /[,，、;；\n]/;

export function ChipInput({ values, onChange, label, placeholder, suggestions, testId }: ChipInputProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const listId = useId();
  const add = (raw: string) => {
    const items = raw
      .split(SEPARATORS)
      .map((s) => s.trim())
      .filter(Boolean);
    const next = [...values];
    for (const item of items) if (!next.includes(item)) next.push(item);
    if (next.length !== values.length) onChange(next);
    setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      add(text);
    } else if (e.key === 'Backspace' && text === '' && values.length) {
      onChange(values.slice(0, -1));
    }
  };
  return (
    <div className="chip-input" data-testid={testId}>
      {values.map((v) => (
        <span key={v} className="chip-item">
          {v}
          <button
            type="button"
            className="chip-remove"
            aria-label={t('edit.removeItem', { item: v })}
            onClick={() => onChange(values.filter((x) => x !== v))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        aria-label={label}
        value={text}
        placeholder={values.length ? undefined : placeholder}
        list={suggestions?.length ? listId : undefined}
        onChange={(e) => (SEPARATORS.test(e.target.value) ? add(e.target.value) : setText(e.target.value))}
        onKeyDown={onKeyDown}
        onBlur={() => text.trim() && add(text)}
      />
      {suggestions?.length ? (
        <datalist id={listId}>
          {suggestions
            .filter((s) => !values.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      ) : null}
    </div>
  );
}
