/** Queries: saved Cypher queries with a form from their typed parameters, and an ad-hoc Cypher editor. */
import { useEffect, useMemo, useState } from 'react';
import { gql, type GraphQLRequestError, toRequestError } from '../../api/graphql-client.js';
import { RUN_CYPHER, RUN_SAVED_QUERY, SAVED_QUERIES } from '../../api/queries.js';
import type { EntityRef, QueryResult, SavedQuery } from '../../api/types.js';
import { useQuery } from '../../api/use-query.js';
import { EntitySearch } from '../../components/entity-search.js';
import { EmptyState, ErrorBanner, LoadingBar, Spinner } from '../../components/status.js';
import { useI18n } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import type { UrlState } from '../../state/url-state.js';
import { formValue, inputKind, ParamError, toParamValues } from './query-params.js';
import { ResultView } from './result-view.js';

/** The `query` URL value of the Cypher editor (saved query names are kebab-case, so no clash). */
export const CYPHER_EDITOR = '@cypher';

export interface QueriesViewProps {
  state: UrlState;
  update: UpdateUrlState;
  onShowEntity: (id: string) => void;
}

export function QueriesView({ state, update, onShowEntity }: QueriesViewProps) {
  const { t, lang } = useI18n();
  const list = useQuery<{ savedQueries: SavedQuery[] }>(SAVED_QUERIES, {});
  const saved = list.data?.savedQueries.find((q) => q.name === state.query) ?? null;

  return (
    <div className="queries-view two-col left-wide">
      <aside className="side-panel left" data-testid="query-list">
        <ul className="query-list">
          <li
            className={`query-item cypher-item ${state.query === CYPHER_EDITOR ? 'active' : ''}`}
            data-query={CYPHER_EDITOR}
            onClick={() => update({ query: CYPHER_EDITOR, params: {} })}
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
            >
              <div className="query-title">{lang === 'en' ? q.titleEn : q.title}</div>
              <div className="query-desc">{lang === 'en' ? q.description : q.titleEn}</div>
            </li>
          ))}
        </ul>
      </aside>
      <section className="pane">
        {state.query === CYPHER_EDITOR ? (
          <CypherEditor onShowEntity={onShowEntity} />
        ) : saved ? (
          <SavedQueryPanel key={saved.name} query={saved} typed={state.params} update={update} onShowEntity={onShowEntity} />
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
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => setDraft(typed), [typed]);

  // What runs is what the URL says (so a shared link shows the same result); the form edits a draft.
  const submitted = useMemo(() => {
    try {
      return { name: query.name, params: toParamValues(query.params, typed) };
    } catch {
      return null;
    }
  }, [query, typed]);
  const result = useQuery<{ runSavedQuery: QueryResult }>(RUN_SAVED_QUERY, submitted);

  const run = () => {
    try {
      toParamValues(query.params, draft);
      setFormError(null);
      const all = Object.fromEntries(query.params.map((p) => [p.name, formValue(p, draft)]));
      if (JSON.stringify(all) === JSON.stringify(typed)) result.reload();
      else update({ params: all });
    } catch (err) {
      setFormError(err instanceof ParamError ? err.message : String(err));
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
            <span className="paths-ends">{query.description}</span>
          </span>
        </div>
        {query.params.length === 0 && <p className="muted small">{t('queries.noParams')}</p>}
        <div className="param-grid">
          {query.params.map((p) => {
            const kind = inputKind(p.type);
            const value = formValue(p, draft);
            const set = (v: string) => setDraft((d) => ({ ...d, [p.name]: v }));
            return (
              <label key={p.name} className="field" data-param={p.name}>
                <span>
                  {p.description ?? p.name} <code className="muted">${p.name}</code> <span className="field-hint">{p.type}</span>
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
                {kind === 'entity' && (
                  <EntitySearch className="compact" placeholder={t('search.placeholder')} onPick={(e: EntityRef) => set(e.id)} />
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
        {formError && <div className="error-banner">{formError}</div>}
      </form>
      <div className="result-area">
        <LoadingBar active={result.loading} />
        {result.error && (
          <div className="pane-section">
            <ErrorBanner error={result.error} onRetry={result.reload} />
          </div>
        )}
        {result.data && <ResultView result={result.data.runSavedQuery} onShowEntity={onShowEntity} name={query.name} />}
      </div>
    </div>
  );
}

function CypherEditor({ onShowEntity }: { onShowEntity: (id: string) => void }) {
  const { t } = useI18n();
  const [cypher, setCypher] = useState('MATCH (a:Entity)-[r:MEMBER_OF]->(b:Entity)\nWHERE b.type = $type\nRETURN a, r, b\nLIMIT 50');
  const [paramsText, setParamsText] = useState('{ "type": "Alliance" }');
  const [result, setResult] = useState<QueryResult | null>(null);
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  const [jsonError, setJsonError] = useState(false);
  const [loading, setLoading] = useState(false);

  const run = async () => {
    let params: unknown = {};
    try {
      params = paramsText.trim() ? JSON.parse(paramsText) : {};
      setJsonError(false);
    } catch {
      setJsonError(true);
      return;
    }
    setLoading(true);
    setError(null);
    try {
      const d = await gql<{ runCypher: QueryResult }>(RUN_CYPHER, { cypher, params });
      setResult(d.runCypher);
    } catch (err) {
      setResult(null);
      setError(toRequestError(err));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="pane" style={{ flex: 1 }}>
      <form
        className="pane-section cypher-editor"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
        data-testid="cypher-editor"
      >
        <div className="panel-heading">
          <span>
            {t('queries.cypher')}
            <span className="paths-ends">{t('queries.cypherHint')}</span>
          </span>
        </div>
        <div className="cypher-grid">
          <label className="field">
            <span>Cypher</span>
            <textarea
              className="code"
              rows={6}
              spellCheck={false}
              value={cypher}
              onChange={(e) => setCypher(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void run();
                }
              }}
              data-testid="cypher-text"
            />
          </label>
          <label className="field">
            <span>{t('queries.paramsJson')}</span>
            <textarea className="code" rows={6} spellCheck={false} value={paramsText} onChange={(e) => setParamsText(e.target.value)} />
            {jsonError && (
              <span className="field-hint" style={{ color: 'var(--danger)' }}>
                {t('queries.badJson')}
              </span>
            )}
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={loading} data-testid="run-cypher">
            {t('common.run')}
          </button>
          <span className="muted small">Ctrl + Enter</span>
        </div>
      </form>
      <div className="result-area">
        <LoadingBar active={loading} />
        {error && (
          <div className="pane-section">
            <ErrorBanner error={error} />
          </div>
        )}
        {result && <ResultView result={result} onShowEntity={onShowEntity} name="cypher" />}
      </div>
    </div>
  );
}
