/** The region picker's hierarchy: the city, each district, and the towns under their own district. */
import type { Entity } from '../model.js';

export interface RegionOption {
  region: Entity;
  parent: string | null;
  depth: number;
}

const LEVEL: Record<string, number> = { city: 0, district: 1, town: 2, subdistrict: 2 };
const collator = new Intl.Collator('zh');

/**
 * Regions depth first: each region followed by the regions located in it, siblings by level then
 * name. A region whose parent is not a region (or that has none) is a top; a cycle is cut.
 */
export function regionTree(regions: readonly Entity[], links: readonly { child: string; parent: string }[]): RegionOption[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const parentOf = new Map<string, string>();
  for (const l of [...links].sort((a, b) => a.child.localeCompare(b.child) || a.parent.localeCompare(b.parent))) {
    if (byId.has(l.child) && byId.has(l.parent) && l.child !== l.parent && !parentOf.has(l.child)) parentOf.set(l.child, l.parent);
  }
  const children = new Map<string | null, Entity[]>();
  for (const r of regions) {
    const p = parentOf.get(r.id) ?? null;
    children.set(p, [...(children.get(p) ?? []), r]);
  }
  const order = (a: Entity, b: Entity) =>
    (LEVEL[a.kind ?? ''] ?? 9) - (LEVEL[b.kind ?? ''] ?? 9) || collator.compare(a.name, b.name) || a.id.localeCompare(b.id);
  const out: RegionOption[] = [];
  const seen = new Set<string>();
  const visit = (r: Entity, parent: string | null, depth: number) => {
    if (seen.has(r.id)) return;
    seen.add(r.id);
    out.push({ region: r, parent, depth });
    for (const c of [...(children.get(r.id) ?? [])].sort(order)) visit(c, r.id, depth + 1);
  };
  for (const r of [...(children.get(null) ?? [])].sort(order)) visit(r, null, 0);
  // Regions on a cycle have no top: list them after, at the top level.
  for (const r of [...regions].sort(order)) visit(r, null, 0);
  return out;
}
