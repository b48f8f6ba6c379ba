/** React binding of the URL state: read from location, written with pushState / replaceState. */
import { useCallback, useEffect, useState } from 'react';
import { formatUrlState, parseUrlState, type UrlState } from './url-state.js';

export type UpdateUrlState = (patch: Partial<UrlState> | ((s: UrlState) => Partial<UrlState>), opts?: { replace?: boolean }) => void;

export function useUrlState(): [UrlState, UpdateUrlState] {
  const [state, setState] = useState<UrlState>(() => parseUrlState(window.location.search));

  useEffect(() => {
    const onPop = () => setState(parseUrlState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const update = useCallback<UpdateUrlState>((patch, opts = {}) => {
    setState((prev) => {
      const next = { ...prev, ...(typeof patch === 'function' ? patch(prev) : patch) };
      const search = formatUrlState(next);
      if (search !== window.location.search) {
        const url = `${window.location.pathname}${search}`;
        if (opts.replace) window.history.replaceState(null, '', url);
        else window.history.pushState(null, '', url);
      }
      return next;
    });
  }, []);

  return [state, update];
}
