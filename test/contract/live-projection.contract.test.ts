/**
 * Live projections (server/domain/live/projection.ts) on every store: built once, then brought
 * forward by the revisions of each change — never a rebuild for an edit — and rebuilt when the graph
 * is loaded behind the history's back; a version read before a write never sends one backwards.
 */
import { describe, expect } from 'vitest';
import { createEntity, retractEntity, updateEntity } from '../../server/domain/curation/entities.js';
import type { ChangeAuthor, SourceInput } from '../../server/domain/curation/types.js';
import { graphVersion, LiveProjection, type GraphVersion, type RevisionDelta } from '../../server/domain/live/projection.js';
import { withRequestLimits } from '../../server/store/index.js';
import type { GraphStore, Row } from '../../server/store/types.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const it = graphTest({ load: (store) => store.bulkLoad(smallGraph({ hubSize: 0 })) });
const editor: ChangeAuthor = { username: 'editor1', region: null, clientAddress: '127.0.0.1' };
const visit: SourceInput = { kind: 'note', note: '2026-11-02 走访企业，现场核实', date: '2026-11-02' };

/** Entity id → name, counting how it was built and what it was given. */
function namesProjection(opts: { buildGate?: Promise<void> } = {}) {
  const calls = { builds: 0, applied: [] as RevisionDelta[] };
  const live = new LiveProjection<Map<string, string>>({
    name: 'test names',
    async build(store: GraphStore) {
      calls.builds++;
      await opts.buildGate;
      const rows = await store.read('MATCH (n:Entity) RETURN n.id AS id, n.name AS name');
      return new Map(rows.map((r) => [String(r.id), String(r.name)]));
    },
    apply(names, revisions) {
      for (const r of revisions) {
        calls.applied.push(r);
        if (r.target !== 'ENTITY') continue;
        if (r.after) names.set(r.targetId, String(r.after.name));
        else names.delete(r.targetId);
      }
      return true;
    },
    entityCount: (names) => names.size,
  });
  return { live, calls };
}

/**
 * A slow request's view of the store: it read the graph's version before an edit and reaches the
 * projection only after a faster request that read it after the edit. Its version reads are
 * answered with what they read then; everything else reads the store as it is.
 */
async function readVersionBefore(store: GraphStore): Promise<{ request: GraphStore; version: GraphVersion }> {
  const request = withRequestLimits(store, { actor: 'slow request' });
  const answers = new Map<string, Row[]>();
  // No write count: every version read goes to the store (here, to the answers kept).
  const recording: GraphStore = {
    ...request,
    localWrites: undefined,
    read: async (cypher, params, opts) => {
      const rows = await request.read(cypher, params, opts);
      answers.set(cypher, rows);
      return rows;
    },
  };
  const version = await graphVersion(recording);
  const slow: GraphStore = {
    ...request,
    localWrites: undefined,
    read: (cypher, params, opts) => (answers.get(cypher) ? Promise.resolve(answers.get(cypher)!) : request.read(cypher, params, opts)),
  };
  return { request: slow, version };
}

describe.each(storeFactories)('live projections on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('follows creates, edits and retractions by replaying their revisions, without a rebuild', async ({ store }) => {
    const { live, calls } = namesProjection();
    const first = await live.get(store);
    expect(calls.builds).toBe(1);
    const before = first.value.size;

    // Nothing written: the same version, nothing read again or applied.
    expect((await live.get(store)).version.key).toBe(first.version.key);
    expect(calls.applied).toHaveLength(0);

    const name = `上海投影${Date.now()}生物科技有限公司`;
    const { result } = await createEntity(store, editor, {
      draft: { type: 'Enterprise', name, aliases: [] },
      placement: { locatedIn: 'r-pj' },
      note: '展会上认识的企业',
      source: visit,
    });
    const afterCreate = await live.get(store);
    expect(afterCreate.value.get(result.id)).toBe(name);
    expect(afterCreate.value.size).toBe(before + 1);

    await updateEntity(store, editor, { id: result.id, expectedVersion: 1, patch: { name: `${name}改名` }, note: '更名', source: visit });
    expect((await live.get(store)).value.get(result.id)).toBe(`${name}改名`);

    await retractEntity(store, editor, { id: result.id, expectedVersion: 2, note: '重复', source: visit });
    const afterRetract = await live.get(store);
    expect(afterRetract.value.has(result.id)).toBe(false);
    expect(afterRetract.value.size).toBe(before);

    expect(calls.builds).toBe(1);
    expect(calls.applied.filter((r) => r.target === 'ENTITY' && r.targetId === result.id).map((r) => r.op)).toEqual([
      'CREATE',
      'UPDATE',
      'RETRACT',
    ]);
    expect((await graphVersion(store)).key).toBe(afterRetract.version.key);
  });

  it('answers a request that read the version before an edit with the edited state, never an older one', async ({ store }) => {
    const { live, calls } = namesProjection();
    const name = `上海投影${Date.now()}医疗器械有限公司`;
    const { result } = await createEntity(store, editor, {
      draft: { type: 'Enterprise', name, aliases: [] },
      placement: { locatedIn: 'r-pj' },
      note: '展会上认识的企业',
      source: visit,
    });
    await live.get(store);
    const slow = await readVersionBefore(store);

    await updateEntity(store, editor, { id: result.id, expectedVersion: 1, patch: { name: `${name}改名` }, note: '更名', source: visit });
    const fresh = await live.get(store);
    expect(fresh.value.get(result.id)).toBe(`${name}改名`);
    expect(slow.version.key).not.toBe(fresh.version.key);

    // The slow request comes in with the older version, after the newer one was seen.
    const late = await live.get(slow.request);
    expect(late.value.get(result.id)).toBe(`${name}改名`);
    expect(late.version.key).toBe(fresh.version.key);
    expect(calls.builds).toBe(1);
    // And the next request still has the edit.
    expect((await live.get(store)).value.get(result.id)).toBe(`${name}改名`);

    await retractEntity(store, editor, { id: result.id, expectedVersion: 2, note: '重复', source: visit });
  });

  it('rebuilds when entities appear without a change set (a bulk load), and is right afterwards', async ({ store, scratch }) => {
    const { live, calls } = namesProjection();
    const before = (await live.get(store)).value.size;
    await scratch.load({
      entities: [{ id: 'bulk-1', type: 'Enterprise', name: '批量载入的企业', aliases: [], search: '批量载入的企业', sources: [] }],
      relations: [],
    });
    const after = await live.get(store);
    expect(calls.builds).toBe(2);
    expect(after.value.get(scratch.id('bulk-1'))).toBe('批量载入的企业');
    expect(after.value.size).toBe(before + 1);
  });

  it('is ready only when built: null while a build runs, then the state, and a catch-up after an edit waited for', async ({ store }) => {
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { live, calls } = namesProjection({ buildGate: gate });
    // Building (held at the gate): a reader that can ask the store instead is not kept waiting.
    expect(await live.ready(store)).toBeNull();
    expect(await live.ready(store)).toBeNull();
    // ... unless it says the build is worth the wait.
    const waited = live.ready(store, { waitForBuild: () => true });
    open();
    const built = await waited;
    expect(built?.size).toBeGreaterThan(0);
    expect(await live.ready(store)).toBe(built);
    // An edit: the next reader gets the state caught up with it, not null and not the old names.
    const [first] = await store.read('MATCH (n:Entity) RETURN n.id AS id ORDER BY n.id LIMIT 1');
    await updateEntity(store, editor, { id: String(first.id), patch: { name: '就绪检查改名企业' }, note: '更名', source: visit });
    const after = await live.ready(store);
    expect(after?.get(String(first.id))).toBe('就绪检查改名企业');
    expect(calls.builds).toBe(1);
  });
});
