/**
 * The first thing Tab reaches: "跳到搜索" / "Skip to search", hidden until focused. It moves focus to
 * the view's entity search (Explore's main search first), or to the main content on views without one.
 */
import type { MouseEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import './a11y.css';

const SEARCH = '[data-testid="main-search"] input, main .entity-search input';

export function SkipLink() {
  const { t } = useI18n();
  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    const search = document.querySelector<HTMLInputElement>(SEARCH);
    if (search) return search.focus();
    const main = document.querySelector<HTMLElement>('main');
    if (!main) return;
    // Focusable by script only, so Tab order is unchanged; the outline is not drawn for it.
    if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
    main.focus();
  };
  return (
    <a className="skip-link" href="#main" onClick={skip} data-testid="skip-link">
      {t('a11y.skipToSearch')}
    </a>
  );
}
