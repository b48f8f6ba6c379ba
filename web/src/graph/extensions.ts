/**
 * Cytoscape extensions, registered once. Browser-only: cytoscape-svg needs `window` when imported.
 * ELK (the chain layout, over half the app's JavaScript) is loaded on first use, so Explore opens
 * without it.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';

let registered = false;
export function registerExtensions(): void {
  if (registered) return;
  registered = true;
  cytoscape.use(fcose);
  cytoscape.use(svg);
}

let elk: Promise<void> | null = null;
let elkReady = false;

/** Loads and registers cytoscape-elk once; resolves when the `elk` layout can run. */
export function loadElk(): Promise<void> {
  elk ??= import('cytoscape-elk').then((m) => {
    cytoscape.use(m.default);
    elkReady = true;
  });
  return elk;
}

export const isElkReady = (): boolean => elkReady;
