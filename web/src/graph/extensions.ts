/** Cytoscape extensions, registered once. Browser-only: cytoscape-svg needs \`window\` when imported. */
import cytoscape from 'cytoscape';
import elk from 'cytoscape-elk';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';

let registered = false;
export function registerExtensions(): void {
  if (registered) return;
  registered = true;
  cytoscape.use(fcose);
  cytoscape.use(elk);
  cytoscape.use(svg);
}
