/**
 * Search on every store follows each edit at once: a created entity is found, a renamed one under
 * its new name only, an added alias finds it, a retracted one is gone — through GraphQL, right
 * after the mutation. A homophone of a name is suggested after the matches; a stray | (the stored
 * search key's separator) in a query is ignored.
 */
import { describe, expect } from 'vitest';
import { buildSearchKey } from '../../server/domain/text.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { graphTest } from '../helpers/graph-test.js';
import type { Gql } from '../helpers/graphql.js';
import { storeFactories } from '../helpers/stores.js';

const it = graphTest({ load: (store) => store.bulkLoad(smallGraph({ hubSize: 0 })) });

const ids = async (gql: Gql, text: string) => {
  const res = await gql('query($t: String!) { search(text: $t, limit: 10) { id name } }', { t: text });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return (res.data!.search as { id: string }[]).map((e) => e.id);
};

const source = '{kind: note, note: "2026-11-02 走访企业，现场核实", date: "2026-11-02"}';

describe.each(storeFactories)('search after edits on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('finds a created, renamed and re-aliased entity at once, and not after it is retracted', async ({ gql }) => {
    const tag = String(Date.now() % 100000).padStart(5, '0');
    const name = `上海澜${tag}生物科技有限公司`;
    const created = await gql(
      `mutation($name: String!) {
        createEntity(input: {type: Enterprise, name: $name}, placement: {locatedIn: "r-pj"}, note: "展会", source: ${source}) {
          entity { id version }
        }
      }`,
      { name },
    );
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const { id } = created.data!.createEntity.entity;
    expect((await ids(gql, name))[0]).toBe(id);
    expect(await ids(gql, `澜${tag}`)).toEqual([id]);

    const renamed = await gql(
      `mutation($id: ID!, $n: String!) { updateEntity(id: $id, patch: {name: $n}, note: "更名", source: ${source}) { entity { version } } }`,
      { id, n: `上海屿${tag}医药科技有限公司` },
    );
    expect(renamed.errors, JSON.stringify(renamed.errors)).toBeUndefined();
    expect(await ids(gql, `澜${tag}`)).toEqual([]);
    expect(await ids(gql, `屿${tag}医药`)).toEqual([id]);

    const aliased = await gql(
      `mutation($id: ID!, $a: [String!]) { updateEntity(id: $id, patch: {aliases: $a}, note: "简称", source: ${source}) { entity { version } } }`,
      { id, a: [`澜屿${tag}`] },
    );
    expect(aliased.errors, JSON.stringify(aliased.errors)).toBeUndefined();
    expect(await ids(gql, `澜屿${tag}`)).toEqual([id]);
    expect(await ids(gql, `瀾嶼${tag}`)).toEqual([id]);

    const retracted = await gql(`mutation($id: ID!) { retractEntity(id: $id, note: "重复", source: ${source}) { changeSet { id } } }`, {
      id,
    });
    expect(retracted.errors, JSON.stringify(retracted.errors)).toBeUndefined();
    expect(await ids(gql, `澜屿${tag}`)).toEqual([]);
    expect(await ids(gql, `屿${tag}医药`)).toEqual([]);
  });

  it('answers a result list from the index as the store has the entities, after an edit too', async ({ gql }) => {
    // A selection of the fields the index keeps is answered from it; one more field reads the store.
    const list = (text: string, extra = '') =>
      gql(`query($t: String!) { search(text: $t, limit: 10) { id type name nameEn aliases kind tier ${extra} } }`, { t: text });
    const compare = async (text: string) => {
      const fromIndex = await list(text);
      const fromStore = await list(text, 'version');
      expect(fromIndex.errors, JSON.stringify(fromIndex.errors)).toBeUndefined();
      const stored = (fromStore.data!.search as Record<string, unknown>[]).map(({ version: _, ...rest }) => rest);
      expect(fromIndex.data!.search).toEqual(stored);
      return stored;
    };
    expect((await compare('思路迪')).length).toBeGreaterThan(0);
    const [renji] = await compare('上海交通大学医学院附属仁济医院');
    expect(renji).toMatchObject({ id: 'h-renji', nameEn: 'Renji Hospital', aliases: ['仁济医院'] });
    const tag = String(Date.now() % 100000);
    const edited = await gql(
      `mutation($id: ID!, $en: String!, $a: [String!]) {
        updateEntity(id: $id, patch: {nameEn: $en, aliases: $a, kind: specialist}, note: "核实", source: ${source}) { entity { version } }
      }`,
      { id: renji.id, en: `Renji ${tag}`, a: [`仁济${tag}`] },
    );
    expect(edited.errors, JSON.stringify(edited.errors)).toBeUndefined();
    const [after] = await compare('上海交通大学医学院附属仁济医院');
    expect(after).toMatchObject({ id: 'h-renji', nameEn: `Renji ${tag}`, aliases: [`仁济${tag}`], kind: 'specialist' });
    expect((await compare('浦江智谷'))[0]).toMatchObject({ id: 'p-zg', kind: 'biomedicine' });
  });

  it('suggests a homophone after the matches', async ({ gql, scratch }) => {
    expect(await ids(gql, '思路笛')).toEqual(['e-sld']);
    // A name that holds the text itself is a match: listed first, the homophone suggested after it.
    const name = '上海思路笛咨询有限公司';
    await scratch.load({
      entities: [{ id: 'sld-text', type: 'Enterprise', name, aliases: [], search: buildSearchKey(name, []), sources: [] }],
      relations: [],
    });
    expect(await ids(gql, '思路笛')).toEqual([scratch.id('sld-text'), 'e-sld']);
  });

  it('ignores a stray | in the query, as it ignores spaces', async ({ gql }) => {
    const plain = await ids(gql, '思路迪');
    expect(plain[0]).toBe('e-sld');
    expect(await ids(gql, '思路|迪')).toEqual(plain);
    expect(await ids(gql, '|思路迪|')).toEqual(plain);
  });
});
