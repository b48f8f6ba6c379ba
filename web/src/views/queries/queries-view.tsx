/** Queries: saved Cypher queries with a form from their typed parameters, and an ad-hoc Cypher editor. */
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { useGraphQL } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { EmptyState, ErrorBanner, LoadingBar, Spinner } from '../../components/status.js';
import { graphql } from '../../gql/index.js';
import type { SavedQueriesQuery } from '../../gql/graphql.js';
import { useI18n, type Translate } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import type { UrlState } from '../../state/url-state.js';
import type { GraphQLRequestError } from '../../api/graphql-client.js';
import type { CypherEditorHandle } from './cypher-code-editor.js';
import { wordServerError } from './cypher-errors.js';
import { EntityParam } from './entity-param.js';
import { formValue, inputKind, ParamError, toParamValues } from './query-params.js';
import { ResultView } from './result-view.js';
import { SchemaBrowser } from './schema-browser.js';
import { usePersistentText } from './use-persistent-text.js';
import './queries.css';

// CodeMirror and the Cypher language service load when the editor is first opened.
const CypherCodeEditor = lazy(() => import('./cypher-code-editor.js'));

const SavedQueriesDocument = graphql(`
  query SavedQueries {
    savedQueries {
      name
      title
      titleEn
      description
      descriptionEn
      params {
        name
        type
        default
        description
        descriptionEn
        entityTypes
      }
      cypher
    }
  }
`);

export const QueryResultFieldsFragmentDoc = graphql(`
  fragment QueryResultFields on QueryResult {
    columns
    rows
    truncated
    elapsedMs
    graph {
      ...SubgraphFields
    }
  }
`);

const RunSavedQueryDocument = graphql(`
  query RunSavedQuery($name: String!, $params: JSON) {
    runSavedQuery(name: $name, params: $params) {
      ...QueryResultFields
    }
  }
`);

const RunCypherDocument = graphql(`
  query RunCypher($cypher: String!, $params: JSON) {
    runCypher(cypher: $cypher, params: $params) {
      ...QueryResultFields
    }
  }
`);

type SavedQuery = SavedQueriesQuery['savedQueries'][number];

/** The `query` URL value of the Cypher editor (saved query names are kebab-case, so no clash). */
export const CYPHER_EDITOR = '@cypher';

export interface QueriesViewProps {
  state: UrlState;
  update: UpdateUrlState;
  onShowEntity: (id: string) => void;
}

export function QueriesView({ state, update, onShowEntity }: QueriesViewProps) {
  const { t, lang } = useI18n();
  const list = useGraphQL(keys.savedQueries(), SavedQueriesDocument, {});
  const saved = list.data?.savedQueries.find((q) => q.name === state.query) ?? null;

  return (
    <div className="queries-view two-col left-wide">
      <aside className="side-panel left" data-testid="query-list">
        <ul className="query-list">
          <li
            className={`query-item cypher-item ${state.query === CYPHER_EDITOR ? 'active' : ''}`}
            data-query={CYPHER_EDITOR}
            onClick={() => update({ query: CYPHER_EDITOR, params: {} })}
            tabIndex={0}
            onKeyDown={(e) => e.key === 'Enter' && update({ query: CYPHER_EDITOR, params: {} })}
          >
            <div className="query-title">{t('queries.cypher')}</div>
            <div className="query-desc">{t('queries.cypherDesc')}</div>
          </li>
        </ul>
        <div className="panel-heading" style={{ marginTop: 14 }}>
          <span>{t('queries.saved')}</span>
        </div>
        {list.loading && !list.data && <Spinner />}
        {list.error && <ErrorBanner error={list.error} onRetry={list.reload} />}
        {list.data && list.data.savedQueries.length === 0 && <p className="muted">{t('queries.none')}</p>}
        <ul className="query-list">
          {list.data?.savedQueries.map((q) => (
            <li
              key={q.name}
              className={`query-item ${state.query === q.name ? 'active' : ''}`}
              data-query={q.name}
              onClick={() => update({ query: q.name, params: {} })}
              tabIndex={0}
              onKeyDown={(e) => e.key === 'Enter' && update({ query: q.name, params: {} })}
            >
              <div className="query-title">{lang === 'en' ? q.titleEn : q.title}</div>
              <div className="query-desc">{lang === 'en' ? q.descriptionEn : q.description}</div>
            </li>
          ))}
        </ul>
      </aside>
      <section className="pane">
        {state.query === CYPHER_EDITOR ? (
          <CypherEditor onShowEntity={onShowEntity} />
        ) : saved ? (
          // Keyed by the values in the URL too: a new link or a run starts the form from what runs.
          <SavedQueryPanel
            key={`${saved.name} ${JSON.stringify(state.params)}`}
            query={saved}
            typed={state.params}
            update={update}
            onShowEntity={onShowEntity}
          />
        ) : (
          <div className="pane-section">{list.data && <EmptyState title={t('queries.pick')} testId="queries-empty" />}</div>
        )}
      </section>
    </div>
  );
}

function SavedQueryPanel({
  query,
  typed,
  update,
  onShowEntity,
}: {
  query: SavedQuery;
  typed: Record<string, string>;
  update: UpdateUrlState;
  onShowEntity: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<Record<string, string>>(typed);
  const [formError, setFormError] = useState<ParamError | null>(null);

  // What runs is what the URL says (so a shared link shows the same result); the form edits a draft.
  const submitted = useMemo(() => {
    try {
      return { name: query.name, params: toParamValues(query.params, typed) };
    } catch {
      return null;
    }
  }, [query, typed]);
  const result = useGraphQL(keys.savedQueryRun(query.name, submitted?.params ?? {}), RunSavedQueryDocument, submitted);

  const run = () => {
    try {
      toParamValues(query.params, draft);
      setFormError(null);
      const all = Object.fromEntries(query.params.map((p) => [p.name, formValue(p, draft)]));
      if (JSON.stringify(all) === JSON.stringify(typed)) result.reload();
      else update({ params: all });
    } catch (err) {
      if (!(err instanceof ParamError)) throw err;
      setFormError(err);
    }
  };

  return (
    <div className="pane" style={{ flex: 1 }}>
      <form
        className="pane-section query-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
        data-testid="query-form"
      >
        <div className="panel-heading">
          <span>
            {lang === 'en' ? query.titleEn : query.title}
            <span className="paths-ends">{lang === 'en' ? query.descriptionEn : query.description}</span>
          </span>
        </div>
        {query.params.length === 0 && <p className="muted small">{t('queries.noParams')}</p>}
        <div className="param-grid">
          {query.params.map((p) => {
            const kind = inputKind(p.type);
            const value = formValue(p, draft);
            const set = (v: string) => setDraft((d) => ({ ...d, [p.name]: v }));
            const label = (lang === 'en' ? p.descriptionEn : p.description) ?? p.name;
            if (kind === 'entity')
              return (
                <div key={p.name} className="field" data-param={p.name} role="group" aria-label={label}>
                  <span>
                    {label} <span className="field-hint">{t('queries.entityParamHint')}</span>
                  </span>
                  <EntityParam name={p.name} value={value} types={p.entityTypes ?? null} onChange={set} />
                </div>
              );
            return (
              <label key={p.name} className="field" data-param={p.name}>
                <span>
                  {label} <span className="field-hint">{t(`paramType.${p.type}`)}</span>
                </span>
                {kind === 'checkbox' ? (
                  <input type="checkbox" checked={value === 'true'} onChange={(e) => set(String(e.target.checked))} />
                ) : (
                  <input
                    type={kind === 'number' ? 'number' : kind === 'date' ? 'date' : 'text'}
                    name={p.name}
                    value={value}
                    onChange={(e) => set(e.target.value)}
                  />
                )}
              </label>
            );
          })}
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" data-testid="run-query">
            {t('common.run')}
          </button>
          <details className="thresholds">
            <summary>{t('queries.showCypher')}</summary>
            <pre className="cypher">{query.cypher}</pre>
          </details>
        </div>
        {formError && (
          <div className="error-banner" role="alert">
            {t(formError.reason === 'notInt' ? 'queries.paramNotInt' : 'queries.paramNotNumber', {
              name: paramLabel(query, formError.param, lang),
              value: formError.value,
            })}
          </div>
        )}
      </form>
      <div className="result-area">
        <LoadingBar active={result.loading} />
        {result.error && (
          <div className="pane-section">
            <ErrorBanner error={result.error} onRetry={result.reload} />
          </div>
        )}
        {result.data && (
          <ResultView
            result={result.data.runSavedQuery}
            onShowEntity={onShowEntity}
            name={lang === 'en' ? query.titleEn : query.title}
            query={query.name}
          />
        )}
      </div>
    </div>
  );
}

/** A parameter as the form names it (its description in the reader's language), never its code. */
function paramLabel(query: SavedQuery, name: string, lang: 'zh' | 'en'): string {
  const p = query.params.find((x) => x.name === name);
  return (p && (lang === 'en' ? p.descriptionEn : p.description)) ?? name;
}

const DEFAULT_CYPHER = 'MATCH (a:Entity)-[r:MEMBER_OF]->(b:Entity)\nWHERE b.type = $type\nRETURN a, r, b\nLIMIT 50';

const DEFAULT_PARAMS = '{ "type": "Alliance" }';
/** The typed query outlives the view and a reload (this browser only). */
const STORED_CYPHER = 'bioeco.queries.cypher';
const STORED_PARAMS = 'bioeco.queries.cypherParams';

function CypherEditor({ onShowEntity }: { onShowEntity: (id: string) => void }) {
  const { t } = useI18n();
  const [cypher, setCypher] = usePersistentText(STORED_CYPHER, DEFAULT_CYPHER);
  const [paramsText, setParamsText] = usePersistentText(STORED_PARAMS, DEFAULT_PARAMS);
  const [jsonError, setJsonError] = useState(false);
  const editor = useRef<CypherEditorHandle>(null);
  // What ran last; each press of "run" is a new request (the graph may have changed), earlier ones stay cached.
  const [submitted, setSubmitted] = useState<{ cypher: string; params: Record<string, unknown>; run: number } | null>(null);
  const result = useGraphQL(
    keys.cypherRun(submitted?.cypher ?? '', submitted?.params ?? {}, submitted?.run ?? 0),
    RunCypherDocument,
    submitted ? { cypher: submitted.cypher, params: submitted.params } : null,
  );
  const loading = result.loading;
  const error = result.error;
  const data = submitted ? (result.data?.runCypher ?? null) : null;

  const run = () => {
    let params: Record<string, unknown> = {};
    try {
      params = paramsText.trim() ? (JSON.parse(paramsText) as Record<string, unknown>) : {};
      setJsonError(false);
    } catch {
      setJsonError(true);
      return;
    }
    setSubmitted((prev) => ({ cypher, params, run: (prev?.run ?? 0) + 1 }));
  };

  return (
    <div className="pane" style={{ flex: 1 }}>
      <form
        className="pane-section cypher-editor"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
        data-testid="cypher-editor"
      >
        <div className="panel-heading">
          <span>
            {t('queries.cypher')}
            <span className="paths-ends">{t('queries.cypherHint')}</span>
          </span>
        </div>
        <div className="cypher-workspace">
          <div className="cypher-main">
            <div className="field">
              <span>{t('queries.editorLabel')}</span>
              <Suspense fallback={<div className="cypher-code cypher-loading">{t('queries.editorLoading')}</div>}>
                <CypherCodeEditor ref={editor} value={cypher} onChange={setCypher} onRun={run} />
              </Suspense>
            </div>
            <label className="field">
              <span>{t('queries.paramsJson')}</span>
              <textarea className="code" rows={2} spellCheck={false} value={paramsText} onChange={(e) => setParamsText(e.target.value)} />
              {jsonError && (
                <span className="field-hint" style={{ color: 'var(--danger)' }}>
                  {t('queries.badJson')}
                </span>
              )}
            </label>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={loading} data-testid="run-cypher">
                {t('common.run')}
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setCypher(DEFAULT_CYPHER);
                  setParamsText(DEFAULT_PARAMS);
                }}
              >
                {t('queries.resetCypher')}
              </button>
              <span className="muted small">{t('queries.editorHint')}</span>
            </div>
          </div>
          <SchemaBrowser onInsert={(text) => editor.current?.insert(text)} />
        </div>
      </form>
      <div className="result-area">
        <LoadingBar active={loading} />
        {error && (
          <div className="pane-section">
            <CypherError error={error} t={t} />
          </div>
        )}
        {data && <ResultView result={data} onShowEntity={onShowEntity} name="cypher" query={null} />}
      </div>
    </div>
  );
}

/** A refused or unreadable query, worded in the UI's language with where it went wrong. */
function CypherError({ error, t }: { error: GraphQLRequestError; t: Translate }) {
  const worded = error.code === 'BAD_USER_INPUT' || error.code === 'FORBIDDEN' ? wordServerError(error.message) : null;
  if (!worded) return <ErrorBanner error={error} />;
  return (
    <div className="error-banner" role="alert" data-code={error.code} data-testid="cypher-error">
      <span className="error-icon" aria-hidden>
        !
      </span>
      <span className="error-text">
        {t(error.code === 'FORBIDDEN' ? 'error.FORBIDDEN' : 'queries.errorTitle')}
        <span className="error-detail">
          {worded.at && t('queries.errorLine', { line: worded.at.line, col: worded.at.col })}
          {t(worded.key, worded.vars)}
        </span>
      </span>
    </div>
  );
}
