/**
 * The gap analysis's projection when an edit lands while it is being built. The build reads the graph
 * in four statements; the graph's version is read before them, so an edit committed meanwhile is in
 * the built projection and is also among the revisions the next request catches up with. Counted
 * again, a company moved into a district stayed there after the move was undone, and its degree (the
 * gap candidates' order) was off by one per overlap. The projection must come out as one built from
 * scratch after the edit, and after the edit is undone. Partner suggestions, which rank alliances,
 * places, agreements and units from the projection, must answer as from one built afresh.
 */
import path from 'node:path';
import { describe, expect } from 'vitest';
import { gapCandidates } from '../../server/domain/analysis/gaps.js';
import { partners } from '../../server/domain/analysis/partners.js';
import { addRelation, retractRelation } from '../../server/domain/curation/relations.js';
import type { ChangeAuthor, SourceInput } from '../../server/domain/curation/types.js';
import { getRegion } from '../../server/domain/graph.js';
import { analysisGraph, buildAnalysisGraph } from '../../server/domain/live/analysis-graph.js';
import type { GraphStore, QueryOptions } from '../../server/store/types.js';
import { loadSeed } from '../../seed/load.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const SEED = path.resolve(import.meta.dirname, '../../seed');
const it = graphTest({ load: (store) => loadSeed(store, SEED) });
const editor: ChangeAuthor = { username: 'editor1', region: null, clientAddress: '127.0.0.1' };
const visit: SourceInput = { kind: 'note', note: '2026-11-30 走访企业，现场核实', date: '2026-11-30' };

/**
 * The store, except that the projection's build statements wait for `edit` to commit first (run once,
 * by the first of them): the build sees the edit, the version it was started for does not.
 */
function editDuringBuild(store: GraphStore, edit: () => Promise<unknown>): GraphStore {
  let edited: Promise<unknown> | null = null;
  const read = async (cypher: string, params?: Record<string, unknown>, opts?: QueryOptions) => {
    const op = opts?.operation ?? '';
    if (op.startsWith('analysis graph') && !op.includes('catch-up')) await (edited ??= edit());
    return store.read(cypher, params, opts);
  };
  return new Proxy(store, {
    get(target, key) {
      if (key === 'read') return read;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe.each(storeFactories)('analysis projection kept in step with edits on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it(
    'suggests the same partners from the caught-up projection as from one built afresh, through joins, agreements and retractions',
    { timeout: 120_000 },
    async ({ store }) => {
      const live = (await partners(store, 'siludi', 30)).map((s) => [s.entity.id, s.score]);
      expect(live.length).toBeGreaterThan(5);
      const [pick] = await store.read(
        `MATCH (x:Entity)-[:MEMBER_OF]->(a:Entity) WHERE a.type = 'Alliance' AND x.type = 'Enterprise' AND x.id <> 'siludi'
       AND NOT EXISTS { MATCH (:Entity {id: 'siludi'})-[:MEMBER_OF]->(a) } RETURN a.id AS alliance, x.id AS other ORDER BY alliance, other LIMIT 1`,
      );
      const alliance = { id: String(pick.alliance) };
      const other = { id: String(pick.other) };
      const joined = await addRelation(store, editor, {
        draft: { type: 'MEMBER_OF', from: 'siludi', to: String(alliance.id), role: '成员' },
        note: '入会',
        source: visit,
      });
      const signed = await addRelation(store, editor, {
        draft: { type: 'SIGNED', from: String(other.id), to: 'pujiang-town' },
        note: '签约',
        source: visit,
      });
      const [event] = await store.read(
        "MATCH (v:Entity) WHERE v.type = 'Event' AND NOT EXISTS { MATCH (:Entity {id: 'siludi'})-[]->(v) } RETURN v.id AS id ORDER BY id LIMIT 1",
      );
      const attended = await addRelation(store, editor, {
        draft: { type: 'PARTICIPATES_IN', from: 'siludi', to: String(event.id) },
        note: '参会',
        source: visit,
      });
      // A store object of its own has a projection of its own, built now from the graph as it is.
      const fresh = () => new Proxy(store, {});
      const same = async (step: string) => {
        const caughtUp = await partners(store, 'siludi', 30);
        expect(caughtUp, step).toEqual(await partners(fresh(), 'siludi', 30));
        return caughtUp;
      };
      const after = await same('joined, signed and attended');
      expect(after.some((s) => s.evidence.some((e) => e.kind === 'SHARED_EVENT' && e.via?.id === event.id))).toBe(true);
      // Asked for the relations' ids only (the projection's stubs, no read), the answer is the same.
      const brief = (list: typeof after) =>
        list.map((s) => ({
          id: s.entity.id,
          score: s.score,
          evidence: s.evidence.map((e) => ({
            kind: e.kind,
            inferred: e.inferred,
            edges: e.edges.map(({ id, type, source, target, inferred }) => ({ id, type, source, target, inferred })),
          })),
        }));
      expect(brief(await partners(store, 'siludi', 30, { edges: 'stub' }))).toEqual(brief(after));
      expect(after.some((s) => s.evidence.some((e) => e.kind === 'SAME_ALLIANCE' && e.via?.id === alliance.id))).toBe(true);
      await retractRelation(store, editor, { id: joined.result.id, note: '退会', source: visit });
      await retractRelation(store, editor, { id: signed.result.id, note: '撤销', source: visit });
      await retractRelation(store, editor, { id: attended.result.id, note: '未参会', source: visit });
      await same('retracted');
      expect((await partners(store, 'siludi', 30)).map((s) => [s.entity.id, s.score])).toEqual(live);
    },
  );

  it('counts the edit once: the company leaves the district again when the move is undone', { timeout: 120_000 }, async ({ store }) => {
    const [company] = await store.read(
      `MATCH (x:Entity)-[:IN_SEGMENT]->(:Entity) WHERE x.type = 'Enterprise'
       AND NOT EXISTS { MATCH (x)-[:LOCATED_IN*1..6]->(:Entity {id: 'songjiang'}) }
       RETURN DISTINCT x.id AS id ORDER BY id LIMIT 1`,
    );
    expect(company).toBeDefined();
    const id = String(company.id);
    let relation = '';
    const spied = editDuringBuild(store, async () => {
      const added = await addRelation(store, editor, {
        draft: { type: 'LOCATED_IN', from: id, to: 'songjiang' },
        note: '设立松江分部',
        source: visit,
      });
      relation = added.result.id;
    });

    const built = await analysisGraph(spied);
    expect(relation).not.toBe('');
    expect(built.scope('songjiang')).toContain(id);
    // The next request catches up with the edit's change set, which the build had already seen.
    const caughtUp = await analysisGraph(spied);
    const fresh = await buildAnalysisGraph(store);
    const songjiang = await getRegion(store, 'songjiang');
    const candidates = (graph?: Awaited<ReturnType<typeof buildAnalysisGraph>>) =>
      gapCandidates(spied, { region: songjiang, benchmark: null, segment: null }, graph);
    expect(await candidates(caughtUp)).toEqual(await candidates(fresh));

    await retractRelation(store, editor, { id: relation, note: '分部撤销', source: visit });
    const after = await analysisGraph(spied);
    expect(after.scope('songjiang')).not.toContain(id);
    expect(after.segmentTotals('songjiang')).toEqual((await buildAnalysisGraph(store)).segmentTotals('songjiang'));
  });
});
