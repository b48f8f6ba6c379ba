/** Saved-query parameters through GraphQL, on every store: bad values are BAD_USER_INPUT naming the parameter, before anything runs. */
import path from 'node:path';
import { describe, expect } from 'vitest';
import { loadSavedQueries } from '../../server/domain/saved-queries.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const RUN = 'query($n: String!, $p: JSON) { runSavedQuery(name: $n, params: $p) { rows } }';

const it = graphTest({
  context: (ctx) => ({ ...ctx, savedQueries: loadSavedQueries(path.resolve(import.meta.dirname, '../../queries')) }),
});

const BAD: [string, Record<string, unknown>, string][] = [
  ['stale-sources', { before: '2023-02-31' }, 'before'],
  ['stale-sources', { before: '' }, 'before'],
  ['stale-sources', { before: "2023-01-01' OR 1=1" }, 'before'],
  ['alliance-members', { alliance: '' }, 'alliance'],
  ['alliance-members', { alliance: 'x'.repeat(5000) }, 'alliance'],
  ['inferred-facts', { limit: -1 }, 'limit'],
  ['inferred-facts', { limit: 0 }, 'limit'],
  ['inferred-facts', { limit: 1e12 }, 'limit'],
  ['inferred-facts', { limit: '99999999999999999999' }, 'limit'],
  ['bridging-alliances', { minDistricts: 2 ** 53 }, 'minDistricts'],
];

describe.each(storeFactories)('saved-query parameters on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it.for(BAD)('refuses %s with %o', async ([name, params, param], { gql }) => {
    const res = await gql(RUN, { n: name, p: params });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', param });
  });

  it('runs with a value inside the bounds', async ({ gql }) => {
    const res = await gql(RUN, { n: 'inferred-facts', p: { limit: 1 } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.runSavedQuery.rows).toHaveLength(1);
  });
});
