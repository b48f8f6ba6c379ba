/**
 * Opening a lead from any view: the URL changes (pushState) and the app reads it again, as the Back
 * button makes it do (use-url-state listens to popstate), so no view needs a callback threaded in.
 */
import { formatUrlState, parseUrlState, type UrlState } from '../../state/url-state.js';

export function go(patch: Partial<UrlState>): void {
  const next = { ...parseUrlState(window.location.search), ...patch };
  window.history.pushState(null, '', `${window.location.pathname}${formatUrlState(next)}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export const openLead = (id: string) => go({ view: 'leads', lead: id });
/** A link's href for the same state (so it opens in a new tab too). */
export const hrefOf = (patch: Partial<UrlState>): string =>
  `${window.location.pathname}${formatUrlState({ ...parseUrlState(window.location.search), ...patch })}`;
