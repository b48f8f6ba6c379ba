/**
 * What the Explore canvas draws while several neighbourhood requests are in flight at once (a shared
 * link, a reload or an undo that brings back many expansions): the parts as they were before, until
 * every request has answered — or HOLD_MS after they were sent, whichever comes first — and then all
 * of them together. One layout instead of one per answer: each layout moves every node, and at 2,000
 * nodes three of them, each followed by a full draw, took 3.3 s where one takes about half
 * (bench:web). A single request (expanding one node) is answered as before, as soon as it arrives.
 */
import { useEffect, useState } from 'react';

/** How long the canvas waits for the rest of the answers before it draws those it has. */
export const HOLD_MS = 1500;

/**
 * `value` when nothing is loading (or the wait is over), else the value from before the requests
 * went out. `loading`: whether any request is in flight.
 */
export function useSettled<T>(value: T, loading: boolean, holdMs = HOLD_MS): T {
  // Each stretch of loading is a new round; `expired` names the round whose wait ran out.
  const [round, setRound] = useState(0);
  const [wasLoading, setWasLoading] = useState(loading);
  const [expired, setExpired] = useState(-1);
  const [shown, setShown] = useState(value);
  if (loading !== wasLoading) {
    setWasLoading(loading);
    if (loading) setRound(round + 1);
  }
  useEffect(() => {
    if (!loading) return;
    const timer = setTimeout(() => setExpired(round), holdMs);
    return () => clearTimeout(timer);
  }, [loading, round, holdMs]);
  const live = !loading || expired === round;
  if (live && shown !== value) setShown(value);
  return live ? value : shown;
}
