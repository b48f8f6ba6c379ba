/**
 * A link to one change set in the changes view (`?view=changes&changeSet=…`), so the import view can
 * point at the change set it made. The app's URL state does not know `changeSet`: the changes view
 * reads it once when it opens.
 */
export function changeSetHref(id: string): string {
  const p = new URLSearchParams(window.location.search);
  p.set('view', 'changes');
  p.set('changeSet', id);
  return `${window.location.pathname}?${p}`;
}

/** Opens the changes view on a change set without reloading the page (the app follows popstate). */
export function openChangeSet(id: string): void {
  window.history.pushState(null, '', changeSetHref(id));
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The change set the address links to, if any. */
export const linkedChangeSet = (): string | null => new URLSearchParams(window.location.search).get('changeSet') || null;
