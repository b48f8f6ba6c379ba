/**
 * The name index (entity resolution) and the search index are both built from every entity's names:
 * on every store, building one after the other at the same graph version reads every entity once,
 * and both answer from that read. After an edit the next build reads again.
 */
import { describe, expect } from 'vitest';
import { nameIndex } from '../../server/domain/curation/name-index.js';
import { updateEntity } from '../../server/domain/curation/entities.js';
import type { ChangeAuthor, SourceInput } from '../../server/domain/curation/types.js';
import { search, searchIndex } from '../../server/domain/search.js';
import { buildSearchKey } from '../../server/domain/text.js';
import type { GraphStore, QueryOptions } from '../../server/store/types.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const it = graphTest();
const editor: ChangeAuthor = { username: 'editor1', region: null, clientAddress: null };
const visit: SourceInput = { kind: 'note', note: '2026-12-01 走访企业', date: '2026-12-01' };

/** The store, counting the reads that return a row per entity in the graph (a read of every entity). */
function countingWholeReads(store: GraphStore, entities: number): { store: GraphStore; reads: () => number } {
  let reads = 0;
  const read = async (cypher: string, params?: Record<string, unknown>, opts?: QueryOptions) => {
    const rows = await store.read(cypher, params, opts);
    if (rows.length === entities) reads++;
    return rows;
  };
  const spied = new Proxy(store, {
    get(target, key) {
      if (key === 'read') return read;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: spied, reads: () => reads };
}

describe.each(storeFactories)('name and search index builds on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('read every entity once for both indexes, and again after the graph changed', async ({ store, scratch }) => {
    const A = '上海读名甲生物科技有限公司';
    const B = '上海澄溪医药有限公司';
    await scratch.load({
      entities: [
        { id: 'a', type: 'Enterprise', name: A, aliases: ['读名甲'], search: buildSearchKey(A, ['读名甲']), sources: [] },
        { id: 'b', type: 'Enterprise', name: B, aliases: [], search: buildSearchKey(B, []), sources: [] },
      ],
      relations: [],
    });
    const [{ n }] = await store.read('MATCH (n:Entity) RETURN count(n) AS n');
    const spied = countingWholeReads(store, Number(n));

    const names = await nameIndex(spied.store);
    expect(names.resolve({ name: '读名甲', type: 'Enterprise' }, 1)[0]?.id).toBe(scratch.id('a'));
    await searchIndex(spied.store);
    expect((await search(spied.store, '澄溪医药', { limit: 5 })).map((e) => e.id)).toEqual([scratch.id('b')]);
    expect(spied.reads()).toBe(1);

    // A rename the indexes catch up with, then a rebuild of each (a new store key): a fresh read for the new graph.
    await updateEntity(store, editor, { id: scratch.id('b'), patch: { name: '上海澜屿医药有限公司' }, note: '更名', source: visit });
    expect((await search(spied.store, '澜屿医药', { limit: 5 })).map((e) => e.id)).toEqual([scratch.id('b')]);
    const again = countingWholeReads(store, Number(n));
    await searchIndex(again.store);
    expect((await search(again.store, '澜屿医药', { limit: 5 })).map((e) => e.id)).toEqual([scratch.id('b')]);
    expect((await nameIndex(again.store)).resolve({ name: '上海澜屿医药有限公司', type: 'Enterprise' }, 1)[0]?.id).toBe(scratch.id('b'));
    expect(again.reads()).toBe(1);
  });
});
