/** A search box with suggestions as you type (names, aliases, pinyin) and keyboard access. */
import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { gql, type GraphQLRequestError, toRequestError } from '../api/graphql-client.js';
import { SEARCH } from '../api/queries.js';
import type { Entity, EntityType } from '../api/types.js';
import { displayName, useI18n } from '../i18n/i18n.js';
import { useErrorMessage } from './status.js';
import { TypeBadge } from './type-badge.js';

type Suggestion = Pick<Entity, 'id' | 'type' | 'name' | 'nameEn' | 'kind' | 'aliases'>;

export interface EntitySearchProps {
  onPick: (entity: Suggestion) => void;
  placeholder?: string;
  types?: EntityType[];
  /** Focus this box when "/" is pressed anywhere outside a text field. */
  slashToFocus?: boolean;
  testId?: string;
  className?: string;
}

export function EntitySearch({ onPick, placeholder, types, slashToFocus, testId, className }: EntitySearchProps) {
  const { t, lang } = useI18n();
  const errorMessage = useErrorMessage();
  const [text, setText] = useState('');
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const typesKey = types?.join(',') ?? '';

  useEffect(() => {
    if (!slashToFocus) return;
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      const typing = el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [slashToFocus]);

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setItems([]);
      setError(null);
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(() => {
      gql<{ search: Suggestion[] }>(SEARCH, { text: q, limit: 10, types: typesKey ? typesKey.split(',') : null }, { signal: ctrl.signal })
        .then((d) => {
          setItems(d.search);
          setActive(0);
          setError(null);
          setLoading(false);
        })
        .catch((err: unknown) => {
          if (ctrl.signal.aborted) return;
          setItems([]);
          setError(toRequestError(err));
          setLoading(false);
        });
    }, 140);
    return () => {
      ctrl.abort();
      window.clearTimeout(timer);
    };
  }, [text, typesKey]);

  const pick = (s: Suggestion | undefined) => {
    if (!s) return;
    onPick(s);
    setText('');
    setItems([]);
    setOpen(false);
    input.current?.blur();
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (items.length ? (a + 1) % items.length : 0));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (items.length ? (a - 1 + items.length) % items.length : 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(items[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
      input.current?.blur();
    }
  };

  const showList = open && text.trim() !== '';
  return (
    <div className={`entity-search ${className ?? ''}`} data-testid={testId}>
      <span className="search-icon" aria-hidden>
        ⌕
      </span>
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && items[active] ? `${listId}-${active}` : undefined}
        placeholder={placeholder ?? t('search.placeholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {slashToFocus && !text && <kbd className="search-kbd">/</kbd>}
      {showList && (
        <ul className="suggestions" role="listbox" id={listId}>
          {loading && items.length === 0 && <li className="suggestion-note">{t('common.loading')}</li>}
          {error && <li className="suggestion-note suggestion-error">{errorMessage(error)}</li>}
          {!loading && !error && items.length === 0 && <li className="suggestion-note">{t('search.noResult', { text: text.trim() })}</li>}
          {items.map((s, i) => {
            const other = lang === 'en' ? s.name : s.nameEn;
            const aliases = s.aliases.filter((a) => a !== s.name).slice(0, 2);
            return (
              <li
                key={s.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={`suggestion ${i === active ? 'active' : ''}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(s);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="suggestion-main">
                  <span className="suggestion-name">{displayName(s, lang)}</span>
                  <TypeBadge type={s.type} />
                </span>
                {(other || aliases.length > 0) && (
                  <span className="suggestion-sub">
                    {other}
                    {aliases.length > 0 && (
                      <>
                        {other ? ' · ' : ''}
                        {t('search.aka')} {aliases.join('、')}
                      </>
                    )}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
