/** A search box with suggestions as you type (names, aliases, pinyin) and keyboard access. */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { type GraphQLRequestError, toRequestError } from '../api/graphql-client.js';
import { graphqlQuery, useGraphQL } from '../api/query-client.js';
import { keys } from '../api/query-keys.js';
import { graphql } from '../gql/index.js';
import type { EntityType, SearchQuery } from '../gql/graphql.js';
import { useI18n } from '../i18n/i18n.js';
import { EntityName, ZhText } from './entity-name.js';
import { ErrorBanner } from './status.js';
import { useDebounced } from './use-debounced.js';
import { TypeBadge } from './type-badge.js';

const SearchDocument = graphql(`
  query Search($text: String!, $types: [EntityType!], $limit: Int) {
    search(text: $text, types: $types, limit: $limit) {
      ...EntityRef
      aliases
    }
  }
`);

export type Suggestion = SearchQuery['search'][number];

const SUGGESTIONS = 10;
/** How long typing must pause before a search is sent. */
const DEBOUNCE_MS = 140;

/** The best match for a text, through the same cache as the search box. */
function useFirstMatch(): (text: string, types?: EntityType[]) => Promise<Suggestion | undefined> {
  const client = useQueryClient();
  return useCallback(
    async (text, types) => {
      const variables = { text, types: types ?? null, limit: SUGGESTIONS };
      const data = await client.fetchQuery(graphqlQuery(keys.search(text, variables.types, SUGGESTIONS), SearchDocument, variables));
      return data.search[0];
    },
    [client],
  );
}

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
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const query = useDebounced(text.trim(), DEBOUNCE_MS);
  const variables = query ? { text: query, types: types?.length ? types : null, limit: SUGGESTIONS } : null;
  const search = useGraphQL(keys.search(query, variables?.types ?? null, SUGGESTIONS), SearchDocument, variables);
  const items = text.trim() && search.data ? search.data.search : [];
  const loading = text.trim() !== '' && (search.loading || query !== text.trim());
  const error = text.trim() ? search.error : null;

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

  const pick = (s: Suggestion | undefined) => {
    if (!s) return;
    onPick(s);
    setText('');
    setActive(0);
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
          setActive(0);
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
          {error && (
            <li className="suggestion-note suggestion-error">
              <ErrorBanner error={error} />
            </li>
          )}
          {!loading && !error && items.length === 0 && <li className="suggestion-note">{t('search.noResult', { text: text.trim() })}</li>}
          {items.map((s, i) => {
            const other = lang === 'en' ? (s.nameEn?.trim() ? s.name : null) : s.nameEn;
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
                  <span className="suggestion-name">
                    <EntityName entity={s} />
                  </span>
                  <TypeBadge type={s.type} />
                </span>
                {(other || aliases.length > 0) && (
                  <span className="suggestion-sub">
                    {other && <ZhText text={other} />}
                    {aliases.length > 0 && (
                      <>
                        {other ? ' · ' : ''}
                        {t('search.aka')} <ZhText text={aliases.join(lang === 'zh' ? '、' : ', ')} />
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

/**
 * "Try:" and a chip per example name for an empty state; a chip looks its name up (names, not ids,
 * so the examples survive a reseed) and hands the best match to `onFound`.
 */
export function ExampleChips({
  examples,
  types,
  onFound,
}: {
  examples: readonly string[];
  types?: EntityType[];
  onFound: (entity: Suggestion) => void;
}) {
  const { t } = useI18n();
  const firstMatch = useFirstMatch();
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  const pick = async (text: string) => {
    setError(null);
    try {
      const hit = await firstMatch(text, types);
      if (hit) onFound(hit);
    } catch (err) {
      setError(toRequestError(err));
    }
  };
  return (
    <>
      <p className="examples">
        {t('explore.try')}
        {examples.map((x) => (
          <button key={x} type="button" className="chip" onClick={() => void pick(x)}>
            {x}
          </button>
        ))}
      </p>
      {error && <ErrorBanner error={error} />}
    </>
  );
}
