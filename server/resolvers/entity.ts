/** Field resolvers of Entity, Edge and Source. */
import type { AppContext } from '../context.js';
import { neighbours } from '../domain/graph.js';
import type { Entity, RelationType, Source } from '../domain/model.js';

export const entityFields = {
  async relations(e: Entity, args: { types?: RelationType[] | null }, ctx: AppContext) {
    // Capped so a hub with thousands of links cannot blow up the details panel.
    const { items } = await neighbours(ctx.store, [e.id], { relations: args.types, cap: 1000 });
    const groups = new Map<string, { type: RelationType; direction: 'OUT' | 'IN'; items: { edge: unknown; other: Entity }[] }>();
    for (const it of items) {
      const key = `${it.edge.type}:${it.direction}`;
      const g = groups.get(key) ?? { type: it.edge.type, direction: it.direction, items: [] };
      g.items.push({ edge: it.edge, other: it.other });
      groups.set(key, g);
    }
    return [...groups.values()]
      .map((g) => ({ ...g, count: g.items.length }))
      .sort((a, b) => a.type.localeCompare(b.type) || a.direction.localeCompare(b.direction));
  },
};

export const sourceFields = {
  title: (s: Source, _: unknown, ctx: AppContext) => ctx.documents.get(s.document)?.title ?? null,
  date: (s: Source, _: unknown, ctx: AppContext) => ctx.documents.get(s.document)?.date ?? null,
};
