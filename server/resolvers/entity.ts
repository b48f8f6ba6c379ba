/** Field resolvers of Entity, Edge and Source. */
import type { AppContext } from '../context.js';
import { neighbours, relationCounts } from '../domain/graph.js';
import type { Entity, RelationType, Source } from '../domain/model.js';

const RELATIONS_CAP = 1000;

export const entityFields = {
  async relations(e: Entity, args: { types?: RelationType[] | null }, ctx: AppContext) {
    // Items are capped so a hub with thousands of links cannot blow up the details panel; `count`
    // stays the true number of links of the group.
    const [{ items }, totals] = await Promise.all([
      neighbours(ctx.store, [e.id], { relations: args.types, cap: RELATIONS_CAP }),
      relationCounts(ctx.store, e.id, args.types),
    ]);
    const groups = new Map<string, { type: RelationType; direction: 'OUT' | 'IN'; items: { edge: unknown; other: Entity }[] }>();
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

export const sourceFields = {
  title: (s: Source, _: unknown, ctx: AppContext) => ctx.documents.get(s.document)?.title ?? null,
  date: (s: Source, _: unknown, ctx: AppContext) => ctx.documents.get(s.document)?.date ?? null,
};
