/** A text kept in localStorage, so it outlives the view that edits it and a reload. */
import { useCallback, useState } from 'react';

export function usePersistentText(key: string, initial: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => {
    try {
      return localStorage.getItem(key) ?? initial;
    } catch {
      return initial; // storage disabled: the text lives as long as the view
    }
  });
  const set = useCallback(
    (next: string) => {
      setValue(next);
      try {
        localStorage.setItem(key, next);
      } catch {
        // storage full or disabled: keep the text in memory only
      }
    },
    [key],
  );
  return [value, set];
}
