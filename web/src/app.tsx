/** The shell: header with title, view tabs and language toggle; the active view below. */
import { useEffect, useMemo } from 'react';
import { I18nContext, translator } from './i18n/i18n.js';
import type { MessageKey } from './i18n/zh.js';
import { useUrlState } from './state/use-url-state.js';
import { VIEWS, type View } from './state/url-state.js';
import { ChainView } from './views/chain/chain-view.js';
import { ExploreView } from './views/explore/explore-view.js';
import { GapsView } from './views/gaps/gaps-view.js';
import { PartnersView } from './views/partners/partners-view.js';
import { QueriesView } from './views/queries/queries-view.js';

const TAB_LABEL: Record<View, MessageKey> = {
  explore: 'tab.explore',
  chain: 'tab.chain',
  gaps: 'tab.gaps',
  partners: 'tab.partners',
  queries: 'tab.queries',
};

export function App() {
  const [state, update] = useUrlState();
  const i18n = useMemo(() => ({ lang: state.lang, t: translator(state.lang) }), [state.lang]);
  const { t } = i18n;

  useEffect(() => {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t(TAB_LABEL[state.view])} · ${t('app.title')}`;
  }, [state.lang, state.view, t]);

  const showInExplore = (id: string) => update((s) => ({ view: 'explore', ids: s.ids.includes(id) ? s.ids : [...s.ids, id], sel: id }));

  return (
    <I18nContext.Provider value={i18n}>
      <div className="app">
        <header className="app-header">
          <div className="brand">
            <svg className="brand-mark" viewBox="0 0 28 28" aria-hidden>
              <circle cx="7" cy="8" r="3.2" />
              <circle cx="21" cy="7" r="2.6" />
              <circle cx="14" cy="20" r="3.6" />
              <path d="M7 8 L21 7 M7 8 L14 20 M21 7 L14 20" />
            </svg>
            <div className="brand-text">
              <h1>{t('app.title')}</h1>
              <span className="brand-sub">{t('app.subtitle')}</span>
            </div>
          </div>
          <nav className="tabs" role="tablist">
            {VIEWS.map((v) => (
              <button
                key={v}
                type="button"
                role="tab"
                aria-selected={state.view === v}
                className={`tab ${state.view === v ? 'active' : ''}`}
                data-view={v}
                onClick={() => update({ view: v })}
              >
                {t(TAB_LABEL[v])}
              </button>
            ))}
          </nav>
          <button
            type="button"
            className="lang-toggle"
            title={t('app.langToggleTitle')}
            data-testid="lang-toggle"
            onClick={() => update({ lang: state.lang === 'zh' ? 'en' : 'zh' }, { replace: true })}
          >
            {t('app.langToggle')}
          </button>
        </header>
        <main className="app-main">
          {state.view === 'explore' && <ExploreView state={state} update={update} />}
          {state.view === 'chain' && <ChainView state={state} update={update} onShowEntity={showInExplore} />}
          {state.view === 'gaps' && <GapsView state={state} update={update} onShowEntity={showInExplore} />}
          {state.view === 'partners' && <PartnersView state={state} update={update} onShowEntity={showInExplore} />}
          {state.view === 'queries' && <QueriesView state={state} update={update} onShowEntity={showInExplore} />}
        </main>
      </div>
    </I18nContext.Provider>
  );
}
