/** The shell: header with title, view tabs, account and language toggle; the active view below (or the sign-in page). */
import { useEffect, useMemo, useRef } from 'react';
import { LoginPage } from './auth/login-page.js';
import { UserMenu } from './auth/user-menu.js';
import { can, useViewer, type Viewer } from './auth/viewer.js';
import { EmptyState, ErrorBanner, Spinner } from './components/status.js';
import { SkipLink } from './components/skip-link.js';
import type { Role } from './gql/graphql.js';
import { I18nContext, translator, useI18n, type MessageKey } from './i18n/i18n.js';
import { useUrlState } from './state/use-url-state.js';
import { VIEWS, type View } from './state/url-state.js';
import { ChainView } from './views/chain/chain-view.js';
import { ExploreView } from './views/explore/explore-view.js';
import { GapsView } from './views/gaps/gaps-view.js';
import { PartnersView } from './views/partners/partners-view.js';
import { PlayersView } from './views/players/players-view.js';
import { AdminView } from './views/admin/admin-view.js';
import { ChangesView } from './views/changes/changes-view.js';
import { ImportView } from './views/import/import-view.js';
import { QueriesView } from './views/queries/queries-view.js';
import { ReviewView } from './views/review/review-view.js';
import { UnreadBadge, WatchView } from './views/watch/watch-view.js';
import { BriefingView } from './views/briefing/briefing-view.js';
import { LeadsView } from './views/leads/leads-view.js';

const TAB_LABEL: Record<View, MessageKey> = {
  explore: 'tab.explore',
  chain: 'tab.chain',
  gaps: 'tab.gaps',
  partners: 'tab.partners',
  players: 'tab.players',
  changes: 'tab.changes',
  watch: 'tab.watch',
  import: 'tab.import',
  review: 'tab.review',
  queries: 'tab.queries',
  admin: 'tab.admin',
  briefing: 'tab.briefing',
  leads: 'tab.leads',
};

/** The role a view needs (the server checks each operation again; this only hides what would fail). */
const VIEW_ROLE: Record<View, Role> = {
  explore: 'viewer',
  chain: 'viewer',
  gaps: 'viewer',
  partners: 'viewer',
  players: 'viewer',
  changes: 'viewer',
  watch: 'viewer',
  import: 'editor',
  review: 'editor',
  queries: 'analyst',
  admin: 'admin',
  briefing: 'viewer',
  leads: 'viewer',
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
  const me = useViewer();
  const viewer = me.data?.me;
  const signedIn = Boolean(viewer?.role);
  // The briefing is a page opened from a region (Chain, Gaps), not a tab.
  const views = VIEWS.filter((v) => v !== 'briefing' && can(viewer, VIEW_ROLE[v]));
  const tabs = useRef<HTMLElement>(null);
  // On a phone the tabs scroll sideways: keep the current one in sight (a no-op when they all fit).
  useEffect(() => {
    const strip = tabs.current;
    const tab = strip?.querySelector<HTMLElement>('.tab.active');
    if (!strip || !tab || strip.scrollWidth <= strip.clientWidth) return;
    const at = tab.getBoundingClientRect().left - strip.getBoundingClientRect().left + strip.scrollLeft;
    strip.scrollLeft = at - (strip.clientWidth - tab.offsetWidth) / 2;
  }, [state.view, state.lang, signedIn]);
  // Tabs cut by the strip's edge fade out on that side, so a strip that scrolls looks like one.
  useEffect(() => {
    const strip = tabs.current;
    if (!strip) return;
    const mark = () => {
      const more = strip.scrollWidth - strip.clientWidth;
      strip.classList.toggle('fade-start', more > 1 && strip.scrollLeft > 1);
      strip.classList.toggle('fade-end', more > 1 && strip.scrollLeft < more - 1);
    };
    mark();
    const seen = new ResizeObserver(mark);
    seen.observe(strip);
    strip.addEventListener('scroll', mark, { passive: true });
    return () => {
      seen.disconnect();
      strip.removeEventListener('scroll', mark);
    };
  }, [state.lang, signedIn, views.length]);

  return (
    <I18nContext.Provider value={i18n}>
      <div className={`app view-${state.view}`}>
        <SkipLink />
        <header className="app-header">
          <div className="brand">
            <svg className="brand-mark" viewBox="0 0 28 28" aria-hidden>
              <circle cx="7" cy="8" r="3.2" />
              <circle cx="21" cy="7" r="2.6" />
              <circle cx="14" cy="20" r="3.6" />
              <path d="M7 8 L21 7 M7 8 L14 20 M21 7 L14 20" />
            </svg>
            <div className="brand-text">
              <h1>
                {/* Screen readers get the full title at every width; the eye, the full or the short one. */}
                <span className="sr-only">{t('app.title')}</span>
                <span className="brand-full" aria-hidden>
                  {t('app.title')}
                </span>
                <span className="brand-short" aria-hidden>
                  {t('phone.shortTitle')}
                </span>
              </h1>
              <span className="brand-sub">{t('app.subtitle')}</span>
            </div>
          </div>
          {signedIn && (
            <nav className="tabs" role="tablist" ref={tabs}>
              {views.map((v) => (
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
                  {v === 'watch' && <UnreadBadge />}
                </button>
              ))}
            </nav>
          )}
          <div className="header-end">
            {viewer && <UserMenu viewer={viewer} />}
            <button
              type="button"
              className="lang-toggle"
              title={t('app.langToggleTitle')}
              data-testid="lang-toggle"
              onClick={() => update({ lang: state.lang === 'zh' ? 'en' : 'zh' }, { replace: true })}
            >
              {t('app.langToggle')}
            </button>
          </div>
        </header>
        <main className="app-main" id="main">
          {me.error && !viewer && (
            <div className="pane-section">
              <ErrorBanner error={me.error} onRetry={me.reload} />
            </div>
          )}
          {!viewer && !me.error && <Spinner />}
          {viewer && !signedIn && <LoginPage />}
          {viewer && signedIn && <CurrentView viewer={viewer} state={state} update={update} onShowEntity={showInExplore} />}
        </main>
      </div>
    </I18nContext.Provider>
  );
}

function CurrentView({
  viewer,
  state,
  update,
  onShowEntity,
}: {
  viewer: Viewer;
  state: ReturnType<typeof useUrlState>[0];
  update: ReturnType<typeof useUrlState>[1];
  onShowEntity: (id: string) => void;
}) {
  const { t } = useI18n();
  // A link to a view this role may not use says so instead of failing request by request.
  if (!can(viewer, VIEW_ROLE[state.view])) return <EmptyState title={t('auth.notAllowed')} testId="not-allowed" />;
  switch (state.view) {
    case 'explore':
      return <ExploreView state={state} update={update} />;
    case 'chain':
      return <ChainView state={state} update={update} onShowEntity={onShowEntity} />;
    case 'gaps':
      return <GapsView state={state} update={update} onShowEntity={onShowEntity} />;
    case 'partners':
      return <PartnersView state={state} update={update} onShowEntity={onShowEntity} />;
    case 'players':
      return <PlayersView state={state} update={update} onShowEntity={onShowEntity} />;
    case 'queries':
      return <QueriesView state={state} update={update} onShowEntity={onShowEntity} />;
    case 'changes':
      return <ChangesView onShowEntity={onShowEntity} />;
    case 'watch':
      return <WatchView onShowEntity={onShowEntity} />;
    case 'import':
      return <ImportView onShowEntity={onShowEntity} />;
    case 'review':
      return <ReviewView />;
    case 'admin':
      return <AdminView />;
    case 'briefing':
      return <BriefingView state={state} update={update} />;
    case 'leads':
      return <LeadsView state={state} update={update} onShowEntity={onShowEntity} />;
  }
}
