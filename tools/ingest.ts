/**
 * npm run ingest -- [--dry-run] [--json] [--title T] [--date YYYY-MM-DD] [--url U] [--publisher P] FILE...
 *
 * Reads articles (.txt, or .html/.htm through an HTML parser; UTF-8, GBK or Big5) and proposes the
 * organisations, people, events and relations they state, matched against the graph at DATA_DIR /
 * NEO4J_URI. Without --dry-run each article goes to the review queue (the app's review view), where
 * an editor applies it; nothing reaches the graph from here. --json prints the proposals as
 * {"entities":[{"key","name","type","aliases","match":{"id","name","score"}|null,"quote"}],
 *  "relations":[{"type","from","to","role","quote"}]} — one object per file (an array for several).
 * A file the extractor refuses is reported with its name and why; the exit code is then 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { DomainError } from '../server/domain/errors.js';
import { propose } from '../server/review/propose.js';
import { createJob } from '../server/review/queue.js';
import { explainStoreError, openStartupStore } from '../server/startup.js';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      title: { type: 'string' },
      date: { type: 'string' },
      url: { type: 'string' },
      publisher: { type: 'string' },
    },
  });
  if (positionals.length === 0) {
    console.error('usage: npm run ingest -- [--dry-run] [--json] [--title T] [--date YYYY-MM-DD] [--url U] [--publisher P] FILE...');
    return 2;
  }
  if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
    console.error(`--date must be YYYY-MM-DD, got "${values.date}"`);
    return 2;
  }
  const config = loadConfig();
  let store;
  try {
    store = await openStartupStore(config);
  } catch (err) {
    console.error(`cannot open the store: ${(err as Error).message}`);
    return 1;
  }
  const out: unknown[] = [];
  let failed = false;
  try {
    for (const file of positionals) {
      let bytes: Uint8Array;
      try {
        bytes = fs.readFileSync(file);
      } catch (err) {
        console.error(`${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
        failed = true;
        continue;
      }
      const html = /\.html?$/i.test(file);
      try {
        const proposed = await propose(store, {
          text: bytes,
          format: html ? 'html' : 'text',
          title: values.title ?? null,
          date: values.date ?? null,
          url: values.url ?? null,
          publisher: values.publisher ?? null,
        });
        const p = proposed.proposals;
        if (values.json) {
          out.push({
            file,
            entities: p.entities.map((e) => ({
              key: e.key,
              name: e.name,
              type: e.type,
              aliases: e.aliases,
              match: e.match ? { id: e.match.id, name: e.match.name, score: e.match.score } : null,
              quote: e.quote,
            })),
            relations: p.relations.map((r) => ({ type: r.type, from: r.from, to: r.to, role: r.role ?? null, quote: r.quote })),
          });
        } else {
          const matched = p.entities.filter((e) => e.match).length;
          console.log(
            `${file}: ${p.entities.length} entities (${matched} already in the graph, ${p.entities.length - matched} new), ${p.relations.length} relations`,
          );
        }
        if (!values['dry-run']) {
          const title = values.title ?? proposed.metadata.title ?? path.basename(file);
          const job = await createJob(
            store,
            `cli:${os.userInfo().username}`,
            {
              text: proposed.text,
              title,
              date: values.date ?? proposed.metadata.date,
              url: values.url ?? null,
              publisher: values.publisher ?? null,
            },
            p,
          );
          if (!values.json) console.log(`  queued for review as ${job.id} ("${title}")`);
        }
      } catch (err) {
        if (err instanceof DomainError) {
          console.error(`${file}: ${err.message}${err.details.ingestCode ? ` (${String(err.details.ingestCode)})` : ''}`);
          failed = true;
          continue;
        }
        throw err;
      }
    }
    if (values.json) console.log(JSON.stringify(out.length === 1 ? out[0] : out, null, 2));
  } catch (err) {
    console.error(`ingest failed: ${(explainStoreError(err, config) as Error).message}`);
    return 1;
  } finally {
    await store.close().catch(() => undefined);
  }
  return failed ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
});
