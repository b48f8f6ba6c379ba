/** Field resolvers of Entity, Edge and Source. */
import { neighbours, relationCounts } from '../domain/graph.js';
import type { Edge, Entity } from '../domain/model.js';
import type { Direction, EntityResolvers, RelationType, SourceResolvers } from '../generated/resolvers-types.js';

const RELATIONS_CAP = 1000;

export const entityFields: EntityResolvers = {
  async relations(e, args, ctx) {
    // Items are capped so a hub with thousands of links cannot blow up the details panel; `count`
    // stays the true number of links of the group.
    const [{ items }, totals] = await Promise.all([
      neighbours(ctx.store, [e.id], { relations: args.types, cap: RELATIONS_CAP }),
      relationCounts(ctx.store, e.id, args.types),
    ]);
    const groups = new Map<string, { type: RelationType; direction: Direction; items: { edge: Edge; other: Entity }[] }>();
    for (const it of items) {
      const key = `${it.edge.type}:${it.direction}`;
      const g = groups.get(key) ?? { type: it.edge.type, direction: it.direction, items: [] };
      g.items.push({ edge: it.edge, other: it.other });
      groups.set(key, g);
    }
    return [...groups.values()]
      .map((g) => ({ ...g, count: totals.get(`${g.type}:${g.direction}`) ?? g.items.length }))
      .sort((a, b) => a.type.localeCompare(b.type) || a.direction.localeCompare(b.direction));
  },
};

export const sourceFields: SourceResolvers = {
  title: (s, _, ctx) => ctx.documents.get(s.document)?.title ?? null,
  date: (s, _, ctx) => ctx.documents.get(s.document)?.date ?? null,
};
