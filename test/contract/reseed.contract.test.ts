/**
 * Reseeding a store people have edited (npm run seed on a seeded store), on every store: new seed
 * facts are added, corrections to untouched facts land, and nothing people changed or retracted is
 * overwritten — it is reported instead. Running it again changes nothing.
 */
import path from 'node:path';
import { describe, expect } from 'vitest';
import { retractEntity, updateEntity } from '../../server/domain/curation/entities.js';
import type { ChangeAuthor } from '../../server/domain/curation/types.js';
import { getEntity } from '../../server/domain/graph.js';
import { relationId } from '../../server/domain/model.js';
import { loadSeed, readSeedFacts, toGraphData } from '../../seed/load.js';
import { reseed } from '../../seed/reseed.js';
import { buildSearchKey } from '../../server/domain/text.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const seedDir = path.resolve(import.meta.dirname, '..', '..', 'seed');
const it = graphTest({ load: (store) => loadSeed(store, seedDir) });
const editor: ChangeAuthor = { username: 'editor1', region: null, clientAddress: null };
const note = { kind: 'note' as const, note: '电话核实' };

describe.each(storeFactories)('reseed on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('adds new facts, corrects untouched ones, and reports what people changed instead of overwriting it', async ({ store }) => {
    await updateEntity(store, editor, { id: 'siludi', patch: { description: '编辑写的简介' }, note: '', source: note });
    await retractEntity(store, editor, { id: 'zhijiang-bio', note: '误录', source: note });

    const data = toGraphData(readSeedFacts(seedDir));
    const edit = (id: string, description: string) => {
      const e = data.entities.find((x) => x.id === id)!;
      e.description = description;
    };
    edit('siludi', '种子里的新简介');
    edit('nuosiqing', '种子更正后的简介');
    data.entities.push({
      id: 'new-seed-co',
      type: 'Enterprise',
      name: '上海新种子生物科技有限公司',
      aliases: [],
      search: buildSearchKey('上海新种子生物科技有限公司', [], null),
      sources: [{ document: '002_304d3e19cde8b306.txt', quote: '新种子' }],
    });
    const rel = { type: 'LOCATED_IN' as const, from: 'new-seed-co', to: 'pujiang-town' };
    data.relations.push({ ...rel, id: relationId(rel), sources: [{ document: '002_304d3e19cde8b306.txt', quote: '新种子' }] });

    const report = await reseed(store, data);
    expect(report.added).toEqual({ entities: 1, relations: 1 });
    expect(report.updated.entities).toBe(1);
    expect(report.conflicts).toEqual(
      expect.arrayContaining([
        { target: 'entity', id: 'siludi', reason: 'changed', fields: ['description'] },
        { target: 'entity', id: 'zhijiang-bio', reason: 'retracted', fields: [] },
      ]),
    );
    expect((await getEntity(store, 'siludi'))?.description).toBe('编辑写的简介');
    expect((await getEntity(store, 'nuosiqing'))?.description).toBe('种子更正后的简介');
    expect(await getEntity(store, 'zhijiang-bio')).toBeNull();
    expect((await getEntity(store, 'new-seed-co'))?.name).toBe('上海新种子生物科技有限公司');

    const again = await reseed(store, data);
    expect(again.changeSet).toBeNull();
    expect(again.added).toEqual({ entities: 0, relations: 0 });
    expect(again.updated).toEqual({ entities: 0, relations: 0 });
  });
});
