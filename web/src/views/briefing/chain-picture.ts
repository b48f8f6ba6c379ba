/**
 * The chain picture of a briefing as a PNG: a Cytoscape instance built off-screen with the chain
 * elements (gaps marked) and the canvas stylesheet, laid out like the Chain view, drawn whole at
 * twice its size and destroyed. An image, unlike a live canvas, prints and goes into a Word file
 * whole — scaled to the page, never cut off.
 */
import cytoscape, { type ElementDefinition } from 'cytoscape';
import { registerExtensions } from '../../graph/extensions.js';
import { runLayout } from '../../graph/layouts.js';
import { graphStylesheet } from '../../graph/styles.js';

export interface ChainPicture {
  /** An object URL for an <img>; revoke with `releasePicture`. */
  url: string;
  bytes: Uint8Array;
  /** The drawing's size in CSS pixels (the PNG is twice as large). */
  width: number;
  height: number;
  alt: string;
}

const SCALE = 2;

export async function drawChainPicture(elements: ElementDefinition[], alt: string): Promise<ChainPicture> {
  registerExtensions();
  const host = document.createElement('div');
  // Laid out at a desktop canvas's size, out of sight; nothing of it is ever shown.
  host.setAttribute('aria-hidden', 'true');
  Object.assign(host.style, { position: 'fixed', left: '-20000px', top: '0', width: '1200px', height: '900px' });
  document.body.appendChild(host);
  const cy = cytoscape({ container: host, style: graphStylesheet(), elements, textureOnViewport: false });
  try {
    await new Promise<void>((resolve) => runLayout(cy, 'chain', { onStop: resolve }));
    const blob = cy.png({ output: 'blob', full: true, scale: SCALE, bg: '#ffffff', maxWidth: 6000, maxHeight: 8000 }) as unknown as Blob;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const bitmap = await createImageBitmap(blob);
    const picture = { url: URL.createObjectURL(blob), bytes, width: bitmap.width / SCALE, height: bitmap.height / SCALE, alt };
    bitmap.close();
    return picture;
  } finally {
    cy.destroy();
    host.remove();
  }
}

export const releasePicture = (p: ChainPicture | null): void => {
  if (p) URL.revokeObjectURL(p.url);
};
