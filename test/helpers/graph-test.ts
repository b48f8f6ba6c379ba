/**
 * Store fixtures (Vitest `test.extend`, on the base `test` of fixtures.ts): `graphTest(options)` gives
 * a store loaded with the file's data (the small graph unless told otherwise) and an in-process
 * GraphQL client over it. The store is opened and loaded once per file and store, on first use, and
 * disposed when the file ends. Tests read it as loaded; a test that writes does so with `scratch`,
 * under ids of its own that are removed after it. Contract tests run one describe per store:
 *
 *   const it = graphTest();
 *   describe.each(storeFactories)('… on $name', (factory) => {
 *     it.scoped({ storeFactory: factory });
 *     it('…', async ({ gql }) => { … });
 *   });
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../server/context.js';
import type { GraphData } from '../../server/domain/model.js';
import type { GraphStore } from '../../server/store/types.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { test } from './fixtures.js';
import { graphqlClient, type Gql } from './graphql.js';
import { storeFactories, type StoreFactory } from './stores.js';

export interface GraphTestOptions {
  /** Fills the empty store with the file's data; default: the small graph. */
  load?: (store: GraphStore) => Promise<unknown>;
  /** The context the GraphQL client runs with, from the default one (no documents, no saved queries). */
  context?: (ctx: AppContext) => AppContext;
}

export interface Graph {
  store: GraphStore;
  ctx: AppContext;
  gql: Gql;
  /** Clears the store and loads the file's data again. */
  reload(): Promise<void>;
}

export interface Scratch {
  /** This test's own prefix: every id it writes starts with it, and all of them are removed after it. */
  prefix: string;
  /** `prefix + id`. */
  id(id: string): string;
  /** Loads `data` with every id (entities, relations, ends) prefixed. */
  load(data: GraphData): Promise<void>;
  /** Deletes every entity under the prefix, with its relations. */
  remove(): Promise<void>;
}

export interface GraphFixtures {
  /** The store the tests run on: embedded unless a describe sets it with `it.scoped({ storeFactory })`. */
  storeFactory: StoreFactory;
  /** One loaded graph per store, opened on first use, disposed when the file ends. */
  graphs: Map<string, Promise<{ graph: Graph; dispose: () => Promise<void> }>>;
  graph: Graph;
  gql: Gql;
  store: GraphStore;
  scratch: Scratch;
}

/** `data` with every id prefixed, so it can sit beside the graph already loaded. */
export function withPrefix(data: GraphData, prefix: string): GraphData {
  return {
    entities: data.entities.map((e) => ({ ...e, id: prefix + e.id })),
    relations: data.relations.map((r) => ({ ...r, id: prefix + r.id, from: prefix + r.from, to: prefix + r.to })),
  };
}

async function openGraph(factory: StoreFactory, options: GraphTestOptions) {
  const handle = await factory.open();
  const load = async () => {
    await handle.store.clear();
    await (options.load ?? ((store: GraphStore) => store.bulkLoad(smallGraph())))(handle.store);
  };
  try {
    await load();
  } catch (err) {
    await handle.dispose();
    throw err;
  }
  const defaults: AppContext = { store: handle.store, config: handle.config, documents: new Map(), savedQueries: [] };
  const ctx = options.context ? options.context(defaults) : defaults;
  const graph: Graph = { store: handle.store, ctx, gql: graphqlClient(ctx), reload: load };
  return { graph, dispose: () => handle.dispose() };
}

export function graphTest(options: GraphTestOptions = {}) {
  return test.extend<GraphFixtures>({
    storeFactory: storeFactories[0],
    graphs: [
      // eslint-disable-next-line no-empty-pattern -- Vitest reads the fixtures a function uses from its first parameter.
      async ({}, use) => {
        const graphs: GraphFixtures['graphs'] = new Map();
        await use(graphs);
        for (const opened of graphs.values()) await (await opened.catch(() => null))?.dispose();
      },
      { scope: 'file' },
    ],
    graph: async ({ graphs, storeFactory }, use) => {
      if (!graphs.has(storeFactory.name)) graphs.set(storeFactory.name, openGraph(storeFactory, options));
      await use((await graphs.get(storeFactory.name)!).graph);
    },
    gql: async ({ graph }, use) => use(graph.gql),
    store: async ({ graph }, use) => use(graph.store),
    scratch: async ({ graph }, use) => {
      const prefix = `t${randomUUID().slice(0, 8)}-`;
      const remove = async () => {
        await graph.store.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p: prefix });
      };
      await use({ prefix, id: (id) => prefix + id, load: (data) => graph.store.bulkLoad(withPrefix(data, prefix)), remove });
      await remove();
    },
  });
}
