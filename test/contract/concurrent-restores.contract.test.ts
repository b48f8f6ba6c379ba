/**
 * Concurrent restores on every store: several editors restoring the same retracted relation or
 * entity at once bring it back exactly once — the others are told it is in the graph, none creates a
 * second copy — and a restore racing an add of the same relation, or the retraction of one of its
 * ends, leaves one consistent answer: a domain error for the loser, never a duplicate or a store error.
 */
import { describe, expect } from 'vitest';
import { restoreEntity, retractEntity } from '../../server/domain/curation/entities.js';
import { entityHistory } from '../../server/domain/curation/history.js';
import { addRelation, restoreRelation, retractRelation } from '../../server/domain/curation/relations.js';
import type { ChangeAuthor, SourceInput } from '../../server/domain/curation/types.js';
import { getEntity } from '../../server/domain/graph.js';
import type { GraphStore } from '../../server/store/types.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { graphTest } from '../helpers/graph-test.js';
import { newCompany, outcomes, tally } from '../helpers/concurrency.js';
import { storeFactories } from '../helpers/stores.js';

const it = graphTest({ load: (store) => store.bulkLoad(smallGraph({ hubSize: 0 })) });
const editors: ChangeAuthor[] = Array.from({ length: 6 }, (_, i) => ({ username: `editor${i}`, region: null, clientAddress: null }));
const visit: SourceInput = { kind: 'note', note: '2026-12-01 走访企业', date: '2026-12-01' };

async function opsOn(store: GraphStore, id: string): Promise<string[]> {
  const { items } = await entityHistory(store, id, { limit: 100 });
  return items.map((r) => `${r.target}:${r.op}`).reverse();
}

const copies = async (store: GraphStore, relationId: string) =>
  Number((await store.read('MATCH (a:Entity)-[r:MEMBER_OF]->(b:Entity) WHERE r.id = $id RETURN count(r) AS n', { id: relationId }))[0].n);

/** A company that was a member of 大浦江 until the membership was retracted: the company's id and the relation's. */
async function retractedMembership(store: GraphStore, label: string): Promise<{ id: string; rel: string }> {
  const id = await newCompany(store, editors[0], visit, `上海${label}${Date.now()}生物有限公司`);
  const { result } = await addRelation(store, editors[0], {
    draft: { type: 'MEMBER_OF', from: id, to: 'a-dpj', role: '成员单位' },
    note: '',
    source: visit,
  });
  await retractRelation(store, editors[0], { id: result.id, note: '退会', source: visit });
  return { id, rel: result.id };
}

describe.each(storeFactories)('concurrent restores on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('restores a retracted relation once when several restore it at once; the others are told it is in the graph', async ({ store }) => {
    const { id, rel } = await retractedMembership(store, '并发恢复关系');
    const results = await outcomes(editors.map((author) => restoreRelation(store, author, { id: rel, note: '误删' })));
    expect(tally(results)).toEqual({ ok: 1, BAD_USER_INPUT: editors.length - 1 });
    expect(await copies(store, rel)).toBe(1);
    expect((await opsOn(store, id)).filter((op) => op === 'RELATION:RESTORE')).toHaveLength(1);
  });

  it('keeps one relation when it is restored and added again at once', async ({ store }) => {
    const { id, rel } = await retractedMembership(store, '并发恢复添加');
    const results = await outcomes(
      editors.map((author, i) =>
        i % 2
          ? restoreRelation(store, author, { id: rel, note: '误删' })
          : addRelation(store, author, { draft: { type: 'MEMBER_OF', from: id, to: 'a-dpj', role: '成员单位' }, note: '', source: visit }),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r !== 'ok').every((r) => r === 'BAD_USER_INPUT' || r === 'DUPLICATE')).toBe(true);
    expect(await copies(store, rel)).toBe(1);
  });

  it('restores a retracted entity once when several restore it at once; the others are told it is in the graph', async ({ store }) => {
    const id = await newCompany(store, editors[0], visit, `上海并发恢复企业${Date.now()}有限公司`);
    await retractEntity(store, editors[0], { id, note: '注销', source: visit });
    const results = await outcomes(editors.map((author) => restoreEntity(store, author, { id, note: '误注销' })));
    expect(tally(results)).toEqual({ ok: 1, BAD_USER_INPUT: editors.length - 1 });
    expect((await getEntity(store, id))?.id).toBe(id);
    const [row] = await store.read('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id });
    expect(Number(row.n)).toBe(1);
    const ops = await opsOn(store, id);
    expect(ops.filter((op) => op === 'ENTITY:RESTORE')).toHaveLength(1);
    // Its place came back with it, once.
    expect(ops.filter((op) => op === 'RELATION:RESTORE')).toHaveLength(1);
  });

  it('never leaves a restored relation at an end retracted at the same time', async ({ store }) => {
    const { id, rel } = await retractedMembership(store, '并发恢复注销');
    const results = await outcomes([
      restoreRelation(store, editors[1], { id: rel, note: '误删' }),
      retractEntity(store, editors[2], { id, note: '注销', source: visit }),
    ]);
    // The retraction always succeeds; the restore either came first (and was retracted with the company) or finds it gone.
    expect(results[1]).toBe('ok');
    expect(['ok', 'NOT_FOUND']).toContain(results[0]);
    expect(await getEntity(store, id)).toBeNull();
    expect(await copies(store, rel)).toBe(0);
  });
});
