/**
 * The read-only boundary through GraphQL, on every store: each bypass that once worked (issue 9)
 * and generated variants of it are refused with FORBIDDEN or BAD_USER_INPUT (never a masked server
 * error), and afterwards the graph and the file system are as they were.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect } from 'vitest';
import { stats } from '../../server/domain/graph.js';
import { graphTest, type GraphFixtures } from '../helpers/graph-test.js';
import type { Gql } from '../helpers/graphql.js';
import { storeFactories } from '../helpers/stores.js';

const RUN = 'query($c: String!, $p: JSON) { runCypher(cypher: $c, params: $p) { rows } }';

// Paths an attack would write to; none may exist afterwards.
const TARGET = path.join(os.tmpdir(), `bioeco-sec-${randomUUID().slice(0, 8)}`);
const CSV = `${TARGET}.csv`;
const DB_DIR = `${TARGET}-db`;

/** Named attacks and the code each gets. */
const ATTACKS: [string, 'FORBIDDEN' | 'BAD_USER_INPUT'][] = [
  // Comment tricks the old lexer and the engines read differently.
  ["/* **/ ' */ MATCH (n:Entity) DETACH DELETE n // '", 'FORBIDDEN'],
  ['MATCH (n:Entity) RETURN n // x\rMATCH (m:Entity) DETACH DELETE m', 'FORBIDDEN'],
  // Neo4j 5 reads \u0027 as a quote before it reads strings: the rest of this string would run there.
  ["WITH 1 AS a, '\\u0027 AS b LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row //' AS c RETURN a", 'FORBIDDEN'],
  ["WITH 1 AS a, '\\\\u0027 AS b LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row //' AS c RETURN a", 'FORBIDDEN'],
  // Statements the engines' own checks call read-only.
  [`COPY Entity TO '${CSV}'`, 'FORBIDDEN'],
  [`EXPORT DATABASE '${DB_DIR}'`, 'FORBIDDEN'],
  [`IMPORT DATABASE '${DB_DIR}'`, 'FORBIDDEN'],
  ["LOAD FROM '/etc/passwd' RETURN *", 'FORBIDDEN'],
  ["MATCH (n:Entity) LOAD FROM '/etc/passwd' RETURN *", 'BAD_USER_INPUT'],
  [`ATTACH '${TARGET}.lbug' AS other (dbtype lbug)`, 'FORBIDDEN'],
  ['INSTALL httpfs', 'FORBIDDEN'],
  ['LOAD EXTENSION httpfs', 'FORBIDDEN'],
  ['CALL threads=1', 'FORBIDDEN'],
  ['BEGIN TRANSACTION', 'FORBIDDEN'],
  ['CHECKPOINT', 'FORBIDDEN'],
  ["LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", 'FORBIDDEN'],
  ["WITH 1 AS x LOAD CSV FROM 'http://127.0.0.1:9/' AS row RETURN row", 'FORBIDDEN'],
  ['TERMINATE TRANSACTIONS "neo4j-transaction-1"', 'FORBIDDEN'],
  // Leaks: other users' queries, settings, the system database, other labels.
  ['SHOW TRANSACTIONS', 'FORBIDDEN'],
  ['SHOW SETTINGS', 'FORBIDDEN'],
  ["CALL current_setting('threads') RETURN *", 'FORBIDDEN'],
  ['CALL dbms.components() YIELD name RETURN name', 'FORBIDDEN'],
  ['CALL dbms.listConfig() YIELD name, value RETURN name, value', 'FORBIDDEN'],
  ['MATCH (n:Entity) CALL dbms.showCurrentUser() YIELD username RETURN username', 'FORBIDDEN'],
  ['USE system SHOW USERS', 'FORBIDDEN'],
  ['USE system MATCH (n:Entity) RETURN n', 'FORBIDDEN'],
  ['CALL show_tables() RETURN *', 'FORBIDDEN'],
  ['MATCH (u:AppUser) RETURN u', 'FORBIDDEN'],
  ['MATCH (n) RETURN n', 'FORBIDDEN'],
  ['MATCH (n:Entity)-[r]-(m) RETURN m', 'FORBIDDEN'],
  ['MATCH (n:Entity|AppUser) RETURN n', 'FORBIDDEN'],
  ['MATCH (n:Entity)-[:AUDITS]->(e:Entity) RETURN e', 'FORBIDDEN'],
  ['MATCH (n:Entity) WHERE EXISTS { MATCH (u:AppUser) } RETURN n', 'FORBIDDEN'],
];

const WRITES = [
  'MATCH (n:Entity) DETACH DELETE n',
  "MATCH (n:Entity) SET n.name = 'hacked'",
  "CREATE (n:Entity {id: 'intruder', name: 'x'})",
  `COPY Entity TO '${CSV}'`,
  "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
  'MATCH (u:AppUser) RETURN u',
];

const READ = 'MATCH (n:Entity) RETURN n.name AS name';

const mixCase = (s: string) => [...s].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');

/** The same attack behind comment, string, whitespace, casing, escape and statement tricks. */
function variants(w: string): string[] {
  return [
    w.toLowerCase(),
    mixCase(w),
    w.replaceAll(' ', '\t'),
    w.replaceAll(' ', '\n'),
    w.replaceAll(' ', '\r\n'),
    w.replaceAll(' ', '\u3000'),
    w.replaceAll(' ', '\u00a0'),
    w.replaceAll(' ', '/**/'),
    `/* **/ ' */ ${w} // '`,
    `/* ' */ ${w} /* ' */`,
    `${READ} // x\r${w}`,
    `${READ} // x\u2028${w}`,
    `${READ} // x\u2029${w}`,
    `${READ} // x\u0085${w}`,
    `${READ} /* x */ ; ${w}`,
    `${READ};\n${w}`,
    `${READ} UNION ${w}`,
    `\uFEFF${w}`,
    `${w}\u0000`,
    `${READ}\u0000; ${w}`,
    `MATCH (n:Entity) WHERE n.name = 'it''s' ${w}`,
    `MATCH (n:Entity) WHERE n.name = '\\q' ${w} //' RETURN n`,
    `MATCH (n:\`Entity\`) WITH n ${w}`,
    `MATCH (n:\`Ent\\u0069ty\`) WITH n ${w}`,
    `MATCH (n:\\u0045ntity) WITH n ${w}`,
    `EXPLAIN ${w}`,
    `CYPHER 5 ${w}`,
  ];
}

/** Tricky texts that are plain reads: they run, return their strings as data and change nothing. */
const HARMLESS: [string, string][] = [
  ["MATCH (n:Entity {id: 'e-sld'}) RETURN '\\' DETACH DELETE n //' AS s", "' DETACH DELETE n //"],
  ["MATCH (n:Entity {id: 'e-sld'}) RETURN '/* **/' + ' */ DETACH DELETE n // ' AS s", '/* **/ */ DETACH DELETE n // '],
];

const it = graphTest();

function listing(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).sort() : [];
}

describe.each(storeFactories)('the read-only boundary on $name', (factory) => {
  it.scoped({ storeFactory: factory });
  let gql: Gql;
  let before: { stats: unknown; files: string[]; dataDir: string } | undefined;

  beforeEach<GraphFixtures>(async ({ graph }) => {
    gql = graph.gql;
    const dataDir = graph.ctx.config.dataDir;
    before ??= { stats: await stats(graph.store), files: listing(dataDir), dataDir };
  });

  it.for(ATTACKS)('refuses %s', async ([cypher, code]) => {
    const res = await gql(RUN, { c: cypher });
    expect(res.errors?.[0]?.extensions?.code, cypher).toBe(code);
    expect(res.data?.runCypher ?? null).toBeNull();
  });

  it.for(WRITES)('refuses every variant of %s', async (w) => {
    const codes = new Map<string, unknown>();
    for (const v of [w, ...variants(w)]) codes.set(v, (await gql(RUN, { c: v })).errors?.[0]?.extensions?.code);
    const accepted = [...codes].filter(([, c]) => c !== 'FORBIDDEN' && c !== 'BAD_USER_INPUT');
    expect(accepted).toEqual([]);
  });

  it.for(HARMLESS)('runs %s as the read it is', async ([cypher, value]) => {
    const res = await gql(RUN, { c: cypher });
    expect(res.errors).toBeUndefined();
    expect(res.data!.runCypher.rows).toEqual([{ s: value }]);
  });

  it('refuses a LIMIT parameter that is not a count', async () => {
    const res = await gql(RUN, { c: 'MATCH (n:Entity) RETURN n.id AS id LIMIT $n', p: { n: -1 } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', param: 'n' });
  });

  // Runs last (tests in a file run in order): everything above left no trace.
  it('leaves the graph, the data folder and the target paths as they were', async ({ graph }) => {
    expect(await stats(graph.store)).toEqual(before!.stats);
    const [row] = await graph.store.read("MATCH (n:Entity {id: 'e-sld'}) RETURN n.name AS name");
    expect(row.name).toBe('上海思路迪生物医学科技有限公司');
    for (const p of [CSV, DB_DIR, `${TARGET}.lbug`]) expect(fs.existsSync(p), p).toBe(false);
    // The engine's own write-ahead log comes and goes with its checkpoints; anything else is new.
    const added = listing(before!.dataDir).filter((f) => !before!.files.includes(f) && !/\.(wal|shadow)$/.test(f));
    expect(added).toEqual([]);
  });
});
