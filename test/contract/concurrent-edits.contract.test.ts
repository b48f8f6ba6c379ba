/**
 * Concurrent editors on every store: edits sent at once with the same expected version — as when
 * several people saved the same loaded entity — leave exactly one of them in the graph and in the
 * history; every other editor is told CONFLICT (or, for the same new relation, DUPLICATE), never
 * silently overwritten.
 */
import { describe, expect } from 'vitest';
import { retractEntity, updateEntity } from '../../server/domain/curation/entities.js';
import { entityHistory } from '../../server/domain/curation/history.js';
import { addRelation, retractRelation, updateRelation } from '../../server/domain/curation/relations.js';
import type { ChangeAuthor, SourceInput } from '../../server/domain/curation/types.js';
import { getEntity } from '../../server/domain/graph.js';
import type { GraphStore } from '../../server/store/types.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { graphTest } from '../helpers/graph-test.js';
import { newCompany, outcomes, tally } from '../helpers/concurrency.js';
import { storeFactories } from '../helpers/stores.js';

const it = graphTest({ load: (store) => store.bulkLoad(smallGraph({ hubSize: 0 })) });
const editors: ChangeAuthor[] = Array.from({ length: 6 }, (_, i) => ({ username: `editor${i}`, region: null, clientAddress: null }));
const visit: SourceInput = { kind: 'note', note: '2026-11-02 走访企业', date: '2026-11-02' };

/** Adds `id` MEMBER_OF the alliance a-dpj, as editors[0]. */
async function memberOfAlliance(store: GraphStore, id: string) {
  const { result } = await addRelation(store, editors[0], {
    draft: { type: 'MEMBER_OF', from: id, to: 'a-dpj', role: '成员单位' },
    note: '',
    source: visit,
  });
  return result;
}

async function opsOn(store: GraphStore, id: string): Promise<string[]> {
  const { items } = await entityHistory(store, id, { limit: 100 });
  return items.map((r) => `${r.target}:${r.op}`).reverse();
}

describe.each(storeFactories)('concurrent edits on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('keeps one of several edits sent at once with the same expected version; the others get CONFLICT', async ({ store }) => {
    const id = await newCompany(store, editors[0], visit, `上海并发${Date.now()}生物有限公司`);
    const results = await outcomes(
      editors.map((author, i) =>
        updateEntity(store, author, { id, expectedVersion: 1, patch: { description: `编辑${i}` }, note: '', source: visit }),
      ),
    );
    expect(tally(results)).toEqual({ ok: 1, CONFLICT: editors.length - 1 });
    const winner = results.indexOf('ok');
    const e = await getEntity(store, id);
    expect(e?.version).toBe(2);
    expect(e?.description).toBe(`编辑${winner}`);
    expect(await opsOn(store, id)).toEqual(['ENTITY:CREATE', 'RELATION:CREATE', 'ENTITY:UPDATE']);
  });

  it('keeps one of several edits to a relation sent at once with the same expected version', async ({ store }) => {
    const id = await newCompany(store, editors[0], visit, `上海并发${Date.now()}医药有限公司`);
    const rel = await memberOfAlliance(store, id);
    const results = await outcomes(
      editors.map((author, i) =>
        updateRelation(store, author, { id: rel.id, expectedVersion: 1, patch: { topic: `议题${i}` }, note: '', source: visit }),
      ),
    );
    expect(tally(results)).toEqual({ ok: 1, CONFLICT: editors.length - 1 });
    const [row] = await store.read('MATCH ()-[r:MEMBER_OF {id: $id}]->() RETURN r.version AS version, r.topic AS topic', { id: rel.id });
    expect(Number(row.version)).toBe(2);
    expect(row.topic).toBe(`议题${results.indexOf('ok')}`);
    expect((await opsOn(store, id)).filter((op) => op === 'RELATION:UPDATE')).toHaveLength(1);
  });

  it('retracts once when several retract the same version at once; the others get CONFLICT', async ({ store }) => {
    const id = await newCompany(store, editors[0], visit, `上海并发${Date.now()}器械有限公司`);
    const rel = await memberOfAlliance(store, id);
    const relResults = await outcomes(
      editors.map((author) => retractRelation(store, author, { id: rel.id, expectedVersion: 1, note: '', source: visit })),
    );
    expect(tally(relResults)).toEqual({ ok: 1, CONFLICT: editors.length - 1 });
    const results = await outcomes(
      editors.map((author) => retractEntity(store, author, { id, expectedVersion: 1, note: '', source: visit })),
    );
    expect(tally(results)).toEqual({ ok: 1, CONFLICT: editors.length - 1 });
    expect(await getEntity(store, id)).toBeNull();
    expect(await opsOn(store, id)).toEqual([
      'ENTITY:CREATE',
      'RELATION:CREATE',
      'RELATION:CREATE',
      'RELATION:RETRACT',
      'RELATION:RETRACT',
      'ENTITY:RETRACT',
    ]);
  });

  it('adds a relation once when several add the same one at once; the others are told it is a duplicate', async ({ store }) => {
    const id = await newCompany(store, editors[0], visit, `上海并发${Date.now()}科技有限公司`);
    const results = await outcomes(
      editors.map((author) =>
        addRelation(store, author, { draft: { type: 'MEMBER_OF', from: id, to: 'a-dpj', role: '理事单位' }, note: '', source: visit }),
      ),
    );
    expect(tally(results)).toEqual({ ok: 1, DUPLICATE: editors.length - 1 });
    const [row] = await store.read('MATCH (a:Entity {id: $id})-[r:MEMBER_OF]->(b:Entity) RETURN count(r) AS n', { id });
    expect(Number(row.n)).toBe(1);
  });
});
