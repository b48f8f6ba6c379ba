/** Undo and redo of canvas actions: a pure stack of snapshots (the state before each action). */

export interface History<T> {
  past: T[];
  future: T[];
}

/** How many actions can be undone. */
export const HISTORY_LIMIT = 100;

export const emptyHistory = <T>(): History<T> => ({ past: [], future: [] });

/** An action is about to change `current`: it can be undone; what was undone can no longer be redone. */
export function recordAction<T>(h: History<T>, current: T, limit = HISTORY_LIMIT): History<T> {
  return { past: [...h.past, current].slice(-limit), future: [] };
}

/** Steps back: the state to show and the history after it, or null when there is nothing to undo. */
export function undoAction<T>(h: History<T>, current: T): { state: T; history: History<T> } | null {
  if (!h.past.length) return null;
  const state = h.past[h.past.length - 1];
  return { state, history: { past: h.past.slice(0, -1), future: [current, ...h.future] } };
}

/** Steps forward again after an undo, or null when there is nothing to redo. */
export function redoAction<T>(h: History<T>, current: T): { state: T; history: History<T> } | null {
  if (!h.future.length) return null;
  const [state, ...future] = h.future;
  return { state, history: { past: [...h.past, current], future } };
}
