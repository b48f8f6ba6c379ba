/** What the bench scripts share beyond their figures (bench/results.ts): the generated graphs they keep between runs. */
import fs from 'node:fs';
import path from 'node:path';
import type { GraphData } from '../server/domain/model.js';
import { EmbeddedStore } from '../server/store/embedded.js';
import { writeSeedState } from '../seed/load.js';
import { generate, type GenerateOptions } from './generate.js';

const BENCH_DATA = path.resolve(import.meta.dirname, '..', 'bench-data');

export interface CachedStore {
  /** The folder it is kept in (bench-data/embedded-…/): other files a bench keeps beside it go here. */
  dir: string;
  /** The embedded store's data dir: a server opened on it serves the generated graph (marked as seeded). */
  dataDir: string;
  /** The graph, when this call generated it (null when the store was reused): for samples drawn from it. */
  generated: GraphData | null;
}

/**
 * A generated graph (bench/generate.ts) bulk-loaded once into an embedded store under bench-data/
 * and reused by every later run of any bench that asks for the same size and seed (delete the folder
 * to rebuild it). It carries the record of a complete seed load (seed/load.ts writeSeedState), so a
 * server opened on it serves this graph instead of seeding one. A bench that writes copies `dataDir`
 * first.
 */
export async function cachedEmbeddedStore(
  size: Required<GenerateOptions>,
  opts: { bufferPoolBytes: number; progress?: (msg: string) => void },
): Promise<CachedStore> {
  const progress = opts.progress ?? (() => {});
  const dir = path.join(BENCH_DATA, `embedded-${size.entities}e-${size.relations}r-seed${size.seed}`);
  const dataDir = path.join(dir, 'db');
  const complete = path.join(dir, 'complete');
  if (fs.existsSync(complete)) {
    progress(`reusing ${path.relative(process.cwd(), dir)}`);
    return { dir, dataDir, generated: null };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  progress(`generating ${size.entities} entities / ${size.relations} relations (seed ${size.seed}) …`);
  const { data } = generate(size);
  const store = new EmbeddedStore({ dataDir, bufferPoolBytes: opts.bufferPoolBytes, queryTimeoutMs: 0 });
  try {
    await store.ensureSchema();
    const t = performance.now();
    await store.bulkLoad(data);
    await writeSeedState(store, {
      state: 'complete',
      at: new Date().toISOString(),
      entities: data.entities.length,
      relations: data.relations.length,
    });
    progress(`bulk-loaded into ${path.relative(process.cwd(), dataDir)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await store.close();
  }
  // Written last: a run killed while loading leaves no marker, and the next run builds again.
  fs.writeFileSync(complete, new Date().toISOString());
  return { dir, dataDir, generated: data };
}
