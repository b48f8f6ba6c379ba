/**
 * The neighbourhood read model (server/domain/live/read-model.ts) on every store: on the seed and
 * after each kind of edit made through the curation functions — a company created with its place and
 * segment, a relation added, a rename, a merge, a retraction, reverts — the model caught up with the
 * changes gives every entity the same relations (both ways, with the fields it holds), the same
 * counts and the same short fields as the store's own statements, and as a model built from scratch.
 * Then the API's answers: a neighbourhood and an entity's grouped relations through the model equal
 * the store's (READ_MODEL=0).
 */
import path from 'node:path';
import { afterEach, describe, expect } from 'vitest';
import { createEntity, mergeEntities, retractEntity, updateEntity } from '../../server/domain/curation/entities.js';
import { addRelation, retractRelation, updateRelation } from '../../server/domain/curation/relations.js';
import { revertChangeSet } from '../../server/domain/curation/revert.js';
import type { ChangeAuthor, SourceInput } from '../../server/domain/curation/types.js';
import { getEntities, neighborhood, neighbours, relationGroups } from '../../server/domain/graph.js';
import {
  buildReadModel,
  MODEL_EDGE_FIELDS,
  MODEL_ENTITY_FIELDS,
  readModelForTests,
  type ReadModel,
} from '../../server/domain/live/read-model.js';
import type { Edge, Entity } from '../../server/domain/model.js';
import type { GraphStore } from '../../server/store/types.js';
import { loadSeed } from '../../seed/load.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const SEED = path.resolve(import.meta.dirname, '../../seed');
const it = graphTest({ load: (store) => loadSeed(store, SEED) });
const editor: ChangeAuthor = { username: 'editor1', region: null, clientAddress: '127.0.0.1' };
const admin: ChangeAuthor = { username: 'admin', region: null, clientAddress: '127.0.0.1' };
const visit: SourceInput = { kind: 'note', note: '2026-11-02 走访企业，现场核实', date: '2026-11-02' };

/** The fields the model holds, of an entity and of an edge. */
const entityPart = (e: Entity, fields: readonly string[] = MODEL_ENTITY_FIELDS) =>
  Object.fromEntries(fields.map((k) => [k, e[k as keyof Entity]]));
const edgePart = (e: Edge, fields: readonly string[] = MODEL_EDGE_FIELDS) =>
  Object.fromEntries(['id', 'type', 'source', 'target', ...fields].map((k) => [k, e[k as keyof Edge]]));

/** Relations as comparable lines, sorted (the store's row order is its own). */
function lines(items: { from: string; direction: string; other: Entity; edge: Edge }[]): string[] {
  return items.map((it) => JSON.stringify([it.from, it.direction, entityPart(it.other), edgePart(it.edge)])).sort();
}

async function allIds(store: GraphStore): Promise<string[]> {
  return (await store.read('MATCH (n:Entity) RETURN n.id AS id')).map((r) => String(r.id)).sort();
}

/** The live model answers as the store's statements (every column: the model is not asked) and as a fresh build. */
async function expectInStep(store: GraphStore, step: string): Promise<ReadModel> {
  const live = await readModelForTests.live(store);
  const fresh = await buildReadModel(store);
  const ids = await allIds(store);
  expect(live.size, step).toBe(ids.length);
  expect(fresh.size, step).toBe(ids.length);
  const stored = await neighbours(store, ids, {});
  const expected = lines(stored.items);
  expect(expected.length, step).toBeGreaterThan(100);
  expect(lines(live.neighbours(ids, {}).items), `${step}: relations`).toEqual(expected);
  expect(lines(fresh.neighbours(ids, {}).items), `${step}: relations, fresh`).toEqual(expected);
  // Counts by type and direction, from the store's rows.
  const counts = new Map(ids.map((id) => [id, new Map<string, number>()]));
  for (const it of stored.items) {
    const c = counts.get(it.from)!;
    c.set(`${it.edge.type}:${it.direction}`, (c.get(`${it.edge.type}:${it.direction}`) ?? 0) + 1);
  }
  expect(live.counts(ids), `${step}: counts`).toEqual(counts);
  // Short fields.
  const entities = await getEntities(store, ids);
  expect(
    [...live.entities(ids).values()].map((e) => entityPart(e)),
    `${step}: entities`,
  ).toEqual([...entities.values()].map((e) => entityPart(e)));
  return live;
}

describe.each(storeFactories)('neighbourhood read model on $name', (factory) => {
  it.scoped({ storeFactory: factory });
  afterEach(() => {
    delete process.env.READ_MODEL;
  });

  it(
    'stays equal to the store through creates, relations, renames, merges, retractions and reverts',
    { timeout: 240_000 },
    async ({ store }) => {
      await expectInStep(store, 'seed');

      const created = await createEntity(store, editor, {
        draft: { type: 'Enterprise', name: `上海读模型${Date.now()}生物科技有限公司`, aliases: [] },
        placement: { locatedIn: 'pujiang-town', segments: ['seg-rd-services'] },
        note: '展会上认识的企业',
        source: visit,
      });
      const newId = created.result.id;
      await expectInStep(store, 'created');

      const joined = await addRelation(store, editor, {
        draft: { type: 'MEMBER_OF', from: newId, to: 'minhang-fic-biomed-alliance', role: '成员' },
        note: '入会',
        source: visit,
      });
      await expectInStep(store, 'joined an alliance');

      // Its id stays while its role changes: no longer the id its fields would give (relationId).
      await updateRelation(store, editor, { id: joined.result.id, patch: { role: '副理事长单位' }, note: '当选', source: visit });
      const promoted = await expectInStep(store, 'role changed');
      const item = promoted.neighbours([newId], {}).items.find((i) => i.edge.id === joined.result.id);
      expect(item?.edge.role).toBe('副理事长单位');

      await updateEntity(store, editor, { id: newId, patch: { name: `上海读模型${Date.now()}改名有限公司` }, note: '更名', source: visit });
      // The rename shows on the far side of its relations too (the alliance's members).
      const renamed = (await getEntities(store, [newId])).get(newId)!.name;
      const live = await expectInStep(store, 'renamed');
      expect(live.neighbours(['minhang-fic-biomed-alliance'], {}).items.map((i) => i.other.name)).toContain(renamed);

      await retractRelation(store, editor, { id: joined.result.id, note: '退会', source: visit });
      await expectInStep(store, 'left the alliance');

      const [keep] = await store.read(
        "MATCH (x:Entity)-[:LOCATED_IN]->(:Entity {id: 'songjiang'}) WHERE x.type = 'Enterprise' RETURN x.id AS id ORDER BY x.id LIMIT 1",
      );
      const merged = await mergeEntities(store, admin, { keepId: String(keep.id), mergeId: newId, note: '同一家企业' });
      await expectInStep(store, 'merged');

      const retracted = await retractEntity(store, editor, { id: String(keep.id), note: '注销', source: visit });
      const after = await expectInStep(store, 'retracted');
      expect(after.entities([String(keep.id)]).size).toBe(0);

      await revertChangeSet(store, admin, { id: retracted.changeSet.id, note: '误注销' });
      await expectInStep(store, 'retraction reverted');
      await revertChangeSet(store, admin, { id: merged.changeSet.id, note: '并非同一家' });
      await expectInStep(store, 'merge reverted');
    },
  );

  it('answers neighbourhoods and grouped relations as the store does, filters and caps included', async ({ store }) => {
    const columns = {
      entity: ['id', 'type', 'name', 'nameEn', 'kind', 'tier'],
      edge: ['id', 'type', 'role', 'kind', 'inferred', 'sources', 'version'],
    };
    const hub = 'minhang';
    const answers = async () => ({
      hood: await neighborhood(store, [hub], { depth: 2, limit: 2000, columns }),
      filtered: await neighborhood(store, [hub], { depth: 1, limit: 2000, relations: ['LOCATED_IN'], types: ['Enterprise'], columns }),
      capped: await neighborhood(store, [hub], { depth: 1, limit: 5, columns }),
      groups: await relationGroups(store, [hub, 'pujiang-town', 'seg-rd-services'], { cap: 3, columns }),
    });
    const viaModel = await answers();
    process.env.READ_MODEL = '0';
    const viaStore = await answers();
    // The fields asked for (a reader given more than it asked for would not notice, but the two are compared whole).
    const ids = (g: { nodes: Entity[]; edges: Edge[] }) => ({
      nodes: g.nodes.map((n) => entityPart(n, columns.entity)).sort((a, b) => String(a.id).localeCompare(String(b.id))),
      edges: g.edges.map((e) => edgePart(e, columns.edge)).sort((a, b) => String(a.id).localeCompare(String(b.id))),
    });
    expect(viaModel.hood.nodes.length).toBeGreaterThan(20);
    expect(ids(viaModel.hood)).toEqual(ids(viaStore.hood));
    expect(viaModel.hood.truncated).toBe(viaStore.hood.truncated);
    expect(viaModel.filtered.nodes.every((n) => n.id === hub || n.type === 'Enterprise')).toBe(true);
    expect(ids(viaModel.filtered)).toEqual(ids(viaStore.filtered));
    // Which five a cut keeps is the engine's row order; how many and that it was cut are not.
    expect([viaModel.capped.nodes.length, viaModel.capped.truncated]).toEqual([5, true]);
    expect([viaStore.capped.nodes.length, viaStore.capped.truncated]).toEqual([5, true]);
    // Grouped relations are sorted by name: the same items, and the true counts past the cap.
    const groups = (m: typeof viaModel.groups) =>
      [...m].map(([id, gs]) => [
        id,
        gs.map((g) => [
          g.type,
          g.direction,
          g.count,
          g.items.map((i) => [entityPart(i.other, columns.entity), edgePart(i.edge, columns.edge)]),
        ]),
      ]);
    expect(groups(viaModel.groups)).toEqual(groups(viaStore.groups));
    expect([...viaModel.groups.get(hub)!].some((g) => g.count > g.items.length)).toBe(true);
  });
});
