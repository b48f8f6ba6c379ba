/**
 * The gap analysis's projection (server/domain/live/analysis-graph.ts) on every store: after each kind
 * of edit made through the curation functions — a company created with its place and segment, a
 * segment added, an alliance joined, a company moved to another district, a rename, a merge, a retraction, reverts — the
 * replayed projection gives the same gap reports and candidates as one built from the store from
 * scratch, and the same segment counts and region scopes as the store's own queries.
 */
import path from 'node:path';
import { describe, expect } from 'vitest';
import { chainMap, type SegmentTotals } from '../../server/domain/analysis/chain.js';
import { gapCandidates, gapReport } from '../../server/domain/analysis/gaps.js';
import { createEntity, mergeEntities, retractEntity, updateEntity } from '../../server/domain/curation/entities.js';
import { addRelation, retractRelation } from '../../server/domain/curation/relations.js';
import { revertChangeSet } from '../../server/domain/curation/revert.js';
import type { ChangeAuthor, SourceInput } from '../../server/domain/curation/types.js';
import { getRegion, regionScope } from '../../server/domain/graph.js';
import { analysisGraph, buildAnalysisGraph } from '../../server/domain/live/analysis-graph.js';
import type { Entity } from '../../server/domain/model.js';
import type { GraphStore } from '../../server/store/types.js';
import { loadSeed } from '../../seed/load.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const SEED = path.resolve(import.meta.dirname, '../../seed');
const it = graphTest({ load: (store) => loadSeed(store, SEED) });
const editor: ChangeAuthor = { username: 'editor1', region: null, clientAddress: '127.0.0.1' };
const visit: SourceInput = { kind: 'note', note: '2026-11-02 走访企业，现场核实', date: '2026-11-02' };
const admin: ChangeAuthor = { username: 'admin', region: null, clientAddress: '127.0.0.1' };

/** The chain map's segment counts (the store counting the members of each), in the projection's shape. */
async function chainTotals(store: GraphStore, region: Entity | null): Promise<SegmentTotals> {
  const map = await chainMap(store, region);
  const segments = map.tiers.flatMap((t) => t.segments).filter((s) => s.count > 0);
  return {
    counts: new Map(segments.map((s) => [s.segment.id, s.count])),
    byType: new Map(segments.map((s) => [s.segment.id, s.byType])),
    total: map.totals.reduce((n, t) => n + t.count, 0),
    totals: map.totals,
  };
}

/** The replayed projection answers as one built from scratch, and as the store's own queries. */
async function expectInStep(store: GraphStore, step: string) {
  const live = await analysisGraph(store);
  const fresh = await buildAnalysisGraph(store);
  const regions = (await store.read("MATCH (n:Entity) WHERE n.type = 'Region' RETURN n.id AS id")).map((r) => String(r.id)).sort();
  expect(live.size, step).toBe(fresh.size);
  expect(live.segmentTotals(null), step).toEqual(await chainTotals(store, null));
  for (const id of regions) {
    const scope = await regionScope(store, id);
    expect([...live.scope(id)].sort(), `${step}: scope of ${id}`).toEqual([...new Set(scope)].sort());
    expect(live.segmentTotals(id), `${step}: counts in ${id}`).toEqual(await chainTotals(store, await getRegion(store, id)));
  }
  for (const [here, there] of [
    ['minhang', null],
    ['songjiang', null],
    ['pujiang-town', null],
    ['minhang', 'songjiang'],
  ] as const) {
    const opts = { region: await getRegion(store, here), benchmark: there ? await getRegion(store, there) : null };
    expect(await gapReport(store, opts), `${step}: gaps of ${here}`).toEqual(await gapReport(store, opts, fresh));
    expect(await gapCandidates(store, { ...opts, segment: null }), `${step}: candidates for ${here}`).toEqual(
      await gapCandidates(store, { ...opts, segment: null }, fresh),
    );
  }
  return live;
}

describe.each(storeFactories)('gap analysis projection on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  // Every region's scope and counts recounted by the store after each of nine steps: a few hundred reads.
  it(
    'stays equal to the graph recounted from scratch through creates, moves, merges, retractions and reverts',
    { timeout: 240_000 },
    async ({ store }) => {
      const first = await expectInStep(store, 'seed');
      const gaps = (await gapReport(store, { region: await getRegion(store, 'minhang'), benchmark: null })).segments;
      expect(gaps.some((s) => s.count > 0)).toBe(true);

      // A company in 浦江镇 (a town of 闵行区), in 研发服务.
      const created = await createEntity(store, editor, {
        draft: { type: 'Enterprise', name: `上海投影计数${Date.now()}生物科技有限公司`, aliases: [] },
        placement: { locatedIn: 'pujiang-town', segments: ['seg-rd-services'] },
        note: '展会上认识的企业',
        source: visit,
      });
      const newId = created.result.id;
      await expectInStep(store, 'created');

      // A second segment for it.
      await addRelation(store, editor, {
        draft: { type: 'IN_SEGMENT', from: newId, to: 'seg-medical-devices' },
        note: '主营医疗器械',
        source: visit,
      });
      await expectInStep(store, 'segment added');

      // And an alliance of 闵行区: candidates' shared alliances count it.
      await addRelation(store, editor, {
        draft: { type: 'MEMBER_OF', from: newId, to: 'minhang-fic-biomed-alliance', role: '成员' },
        note: '入会',
        source: visit,
      });
      await expectInStep(store, 'joined an alliance');

      // A classified company of 松江区, located there only, moves to 闵行区.
      const [moving] = await store.read(
        `MATCH (x:Entity)-[r:LOCATED_IN]->(:Entity {id: 'songjiang'}) WHERE x.type = 'Enterprise' AND EXISTS { MATCH (x)-[:IN_SEGMENT]->(:Entity) }
       AND COUNT { MATCH (x)-[:LOCATED_IN]->(:Entity) } = 1
       RETURN x.id AS id, r.id AS rel ORDER BY x.id LIMIT 1`,
      );
      expect(moving).toBeDefined();
      const movedId = String(moving.id);
      const songjiang = (await analysisGraph(store)).segmentTotals('songjiang').total;
      await retractRelation(store, editor, { id: String(moving.rel), note: '迁出松江', source: visit });
      await addRelation(store, editor, { draft: { type: 'LOCATED_IN', from: movedId, to: 'minhang' }, note: '迁入闵行', source: visit });
      await expectInStep(store, 'moved');
      expect((await analysisGraph(store)).segmentTotals('songjiang').total).toBe(songjiang - 1);

      await updateEntity(store, editor, {
        id: newId,
        patch: { name: `上海投影计数${Date.now()}改名有限公司` },
        note: '更名',
        source: visit,
      });
      await expectInStep(store, 'renamed');

      // The new company merged into the moved one: its place and segments move over.
      const merged = await mergeEntities(store, admin, { keepId: movedId, mergeId: newId, note: '同一家企业' });
      await expectInStep(store, 'merged');

      const retracted = await retractEntity(store, editor, { id: movedId, note: '注销', source: visit });
      await expectInStep(store, 'retracted');

      await revertChangeSet(store, admin, { id: retracted.changeSet.id, note: '误注销' });
      await expectInStep(store, 'retraction reverted');
      await revertChangeSet(store, admin, { id: merged.changeSet.id, note: '并非同一家' });
      const last = await expectInStep(store, 'merge reverted');

      // Every edit was replayed into the projection built first, never rebuilt.
      expect(last).toBe(first);
    },
  );
});
