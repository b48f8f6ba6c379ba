/**
 * The gap analysis's projection when an edit lands while it is being built. The build reads the graph
 * in four statements; the graph's version is read before them, so an edit committed meanwhile is in
 * the built projection and is also among the revisions the next request catches up with. Counted
 * again, a company moved into a district stayed there after the move was undone, and its degree (the
 * gap candidates' order) was off by one per overlap. The projection must come out as one built from
 * scratch after the edit, and after the edit is undone.
 */
import path from 'node:path';
import { describe, expect } from 'vitest';
import { gapCandidates } from '../../server/domain/analysis/gaps.js';
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

describe.each(storeFactories)('gap analysis projection with an edit during its build on $name', (factory) => {
  it.scoped({ storeFactory: factory });

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
