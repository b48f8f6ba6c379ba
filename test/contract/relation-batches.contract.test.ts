/**
 * The write model's batch reads and writes of relations (rows.ts: readRelations, updateRelations,
 * deleteRelations — a revert of many, an import's revert) on every store: each relation is found from
 * its id and ends, and exactly the relations asked for are read, changed or removed — not another
 * of the same type between the same two entities, nor one between other entities.
 */
import { describe, expect } from 'vitest';
import { deleteRelations, readRelations, updateRelations, type RelationRef } from '../../server/domain/curation/rows.js';
import type { EntityRow, GraphData, RelationRow } from '../../server/domain/model.js';
import { buildSearchKey } from '../../server/domain/text.js';
import type { GraphStore } from '../../server/store/types.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const it = graphTest();

/** Ten companies and ten alliances: each company a member of three alliances, twice (two roles). */
function graph(): GraphData & { relations: (RelationRow & { role: string })[] } {
  const entities: EntityRow[] = Array.from({ length: 10 }, (_, i): EntityRow[] => [
    { id: `c${i}`, type: 'Enterprise', name: `批量关系企业${i}`, aliases: [], search: buildSearchKey(`批量关系企业${i}`, []), sources: [] },
    { id: `a${i}`, type: 'Alliance', name: `批量关系联盟${i}`, aliases: [], search: buildSearchKey(`批量关系联盟${i}`, []), sources: [] },
  ]).flat();
  const relations: (RelationRow & { role: string })[] = [];
  for (let i = 0; i < 10; i++)
    for (let k = 0; k < 3; k++)
      for (const role of ['成员单位', '理事单位'])
        relations.push({
          id: `m-${i}-${k}-${role === '成员单位' ? 'm' : 't'}`,
          type: 'MEMBER_OF',
          from: `c${i}`,
          to: `a${(i + k) % 10}`,
          role,
          sources: [],
        });
  return { entities, relations };
}

const roles = async (store: GraphStore, prefix: string) =>
  new Map(
    (
      await store.read(
        'MATCH (a:Entity)-[r:MEMBER_OF]->(b:Entity) WHERE r.id STARTS WITH $p RETURN r.id AS id, a.id AS f, b.id AS t, r.role AS role',
        {
          p: prefix,
        },
      )
    ).map((r) => [String(r.id), `${String(r.f)}>${String(r.t)} ${String(r.role)}`]),
  );

describe.each(storeFactories)('relation batches on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('read, change and remove exactly the relations asked for, each found from its ends', async ({ store, scratch }) => {
    const data = graph();
    await scratch.load(data);
    const all = data.relations.map((r) => ({ ...r, id: scratch.id(r.id), from: scratch.id(r.from), to: scratch.id(r.to) }));
    const ref = (r: (typeof all)[number]): RelationRef => ({ id: r.id, from: r.from, to: r.to });
    const before = await roles(store, scratch.prefix);
    expect(before.size).toBe(60);
    // Every third relation: for each, its twin of the other role (same ends) is left alone.
    const picked = all.filter((_, i) => i % 3 === 0);
    const rest = all.filter((_, i) => i % 3 !== 0);

    const read = await store.transaction((tx) =>
      readRelations(tx, tx.engine, 'MEMBER_OF', [...picked.map(ref), ...picked.slice(0, 2).map(ref)]),
    );
    expect(read.map((r) => `${r.id} ${r.from}>${r.to} ${String(r.role)}`).sort()).toEqual(
      picked.map((r) => `${r.id} ${r.from}>${r.to} ${r.role}`).sort(),
    );
    // An id asked for with ends that are not its own finds nothing.
    const wrongEnds = await store.transaction((tx) => readRelations(tx, tx.engine, 'MEMBER_OF', [{ ...ref(picked[0]), to: picked[1].to }]));
    expect(wrongEnds).toEqual([]);

    await store.transaction((tx) =>
      updateRelations(
        tx,
        'MEMBER_OF',
        picked.map((r) => ({ ...r, role: `${r.role}改`, sources: '[]', version: 2 })),
      ),
    );
    const updated = await roles(store, scratch.prefix);
    for (const r of picked) expect(updated.get(r.id)).toBe(`${r.from}>${r.to} ${r.role}改`);
    for (const r of rest) expect(updated.get(r.id)).toBe(before.get(r.id));

    await store.transaction((tx) => deleteRelations(tx, 'MEMBER_OF', picked.map(ref)));
    const left = await roles(store, scratch.prefix);
    expect([...left.keys()].sort()).toEqual(rest.map((r) => r.id).sort());
    for (const r of rest) expect(left.get(r.id)).toBe(before.get(r.id));
  });
});
