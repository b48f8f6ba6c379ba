/**
 * No input crashes the API: operations generated from the real schema — every Query field with a
 * resolver (runCypher aside: the read-only suite owns it), arbitrary and boundary argument values as
 * inline literals and as variables, random selection sets — each answer a user's mistake with a code
 * and a safe message, never INTERNAL_SERVER_ERROR, and leave the graph as it was.
 *
 * FUZZ_SEED and FUZZ_RUNS replay or lengthen a run (the seed is printed on failure); INTEGRATION_NEO4J=1
 * runs it on Neo4j too (NEO4J_URI), left out by default because the contract suite shares that database.
 */
import fc from 'fast-check';
import type {
  GraphQLArgument,
  GraphQLEnumType,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLList,
  GraphQLNamedType,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLType,
} from 'graphql';
import { describe, expect } from 'vitest';
import { loadSavedQueries, type SavedQuery } from '../../server/domain/saved-queries.js';
import { resolvers } from '../../server/resolvers/index.js';
import { buildSchema } from '../../server/schema.js';
import type { GraphStore } from '../../server/store/types.js';
import { loadSeed } from '../../seed/load.js';
import { graphTest } from '../helpers/graph-test.js';
import type { GqlResult } from '../helpers/graphql.js';
import { storeFactories } from '../helpers/stores.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240611);
const RUNS = Number(process.env.FUZZ_RUNS ?? 5200);
const SKIP = new Set(['runCypher']);
const MAX_DEPTH = 3;

/** What must never reach a client: stack frames, file paths, engine exception classes and codes. */
const LEAK = /at \/|\/[\w.-]+\/[\w.-]+\.(ts|js|mjs|cjs)\b|node_modules|\w+ exception|Neo\.(Client|Database|Transient)Error|lbug|EXPLAIN/i;

const schema = buildSchema();

// The schema's types may come from another copy of graphql (CJS under @graphql-tools), where the
// instanceof checks of graphql's isNonNullType & co. fail: the types are told apart by their tag.
const tag = (t: GraphQLType) => (t as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag];
const isNonNullType = (t: GraphQLType): t is GraphQLNonNull<GraphQLInputType> => tag(t) === 'GraphQLNonNull';
const isListType = (t: GraphQLType): t is GraphQLList<GraphQLInputType> => tag(t) === 'GraphQLList';
const isEnumType = (t: GraphQLType): t is GraphQLEnumType => tag(t) === 'GraphQLEnumType';
const isInputObjectType = (t: GraphQLType): t is GraphQLInputObjectType => tag(t) === 'GraphQLInputObjectType';
const isObjectType = (t: GraphQLType): t is GraphQLObjectType => tag(t) === 'GraphQLObjectType';
const isLeafType = (t: GraphQLType) => ['GraphQLScalarType', 'GraphQLEnumType'].includes(tag(t));
function getNamedType(t: GraphQLType): GraphQLNamedType {
  let x = t as GraphQLType & { ofType?: GraphQLType };
  while (x.ofType) x = x.ofType as typeof x;
  return x as GraphQLNamedType;
}
const savedQueries = loadSavedQueries(new URL('../../queries', import.meta.url).pathname);

// ---------------------------------------------------------------------------------------------
// Values

/** Ids of the seed graph, so many requests reach the store instead of stopping at NOT_FOUND. */
const IDS = [
  'siludi',
  'minhang',
  'songjiang',
  'pujiang-town',
  'pujiang-zhigu',
  'dapujiang-party-alliance',
  'seg-medical-devices',
  'seg-rd-services',
  'shanghai',
];

const BOUNDARY_STRINGS = [
  '',
  ' ',
  '\t\n',
  '0',
  '-1',
  'null',
  '__proto__',
  'constructor',
  "' OR '1'='1",
  '") RETURN 1 //',
  '$param',
  '}{',
  '\\',
  '"',
  '\u0000',
  '\uD800',
  '😀',
  '閔行區',
  '思路迪',
  'siludi\u0000',
  'x'.repeat(10_000),
  '中'.repeat(5_000),
  'e'.repeat(257),
];

const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)), maxLength: 12 });
const anyString = fc
  .oneof(
    { weight: 6, arbitrary: fc.constantFrom(...IDS) },
    { weight: 3, arbitrary: fc.constantFrom(...BOUNDARY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 2, arbitrary: cjk },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...IDS), fc.string({ maxLength: 3 })).map(([a, b]) => a + b) },
  )
  .filter((s) => !LEAK.test(s));

const INT_BOUNDS = [0, -1, 1, 2, 3, 4, 7, 100, 101, 200, 201, 1000, 1001, 2 ** 31 - 1, -(2 ** 31)];
const HUGE = [2 ** 31, 2 ** 53, -(2 ** 53), 1e21, 1.5, -0.5, 1e-7];
const int32 = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 6 }) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 300 }) },
  { weight: 3, arbitrary: fc.constantFrom(...INT_BOUNDS) },
  { weight: 1, arbitrary: fc.integer() },
);
const anyNumber = fc.oneof(
  { weight: 3, arbitrary: int32 },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  { weight: 1, arbitrary: fc.double() },
);
/** A value of some other type than the one asked for. */
const wrongType = fc.oneof(fc.boolean(), anyString, anyNumber, fc.constant(null), fc.jsonValue({ maxDepth: 2 }));

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const UNKNOWN_ENUM = ['Nope', 'UNKNOWN', 'enterprise', 'ENTERPRISE', 'true', 'null', 'Entity', 'a b', ''];

/**
 * How wild an operation's values are. `plausible`: what the web app sends (real ids, small numbers),
 * so the analyses run. `typed`: the types' values with boundary cases (empty, 10k characters, CJK,
 * unicode junk, 0, -1, 2^31-1, 101 ids). `wild`: also nulls where they may not be (inside `[ID!]`),
 * unknown enum values, floats and huge numbers for Ints, wrong types, variables of the wrong type
 * or not provided.
 */
type Level = 'plausible' | 'typed' | 'wild';

function plausibleValue(type: GraphQLInputType): fc.Arbitrary<unknown> | null {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const item = plausibleValue(inner.ofType);
    return item && fc.array(item, { minLength: 1, maxLength: 3 });
  }
  const named = getNamedType(inner);
  if (isEnumType(named)) return fc.constantFrom(...named.getValues().map((v) => v.name));
  if (named.name === 'Int') return fc.integer({ min: 1, max: 5 });
  if (named.name === 'ID') return fc.constantFrom(...IDS);
  if (named.name === 'String') return fc.constantFrom(...IDS, '思路迪', '闵行', 'sld', 'pujiang');
  return null;
}

function valueFor(type: GraphQLInputType, level: Level): fc.Arbitrary<unknown> {
  if (level === 'plausible') return plausibleValue(type) ?? valueFor(type, 'typed');
  const typed = level === 'typed';
  if (isNonNullType(type))
    return typed ? valueFor(type.ofType, level) : fc.oneof({ weight: 8, arbitrary: valueFor(type.ofType, level) }, fc.constant(null));
  if (isListType(type)) {
    const item = valueFor(type.ofType, level);
    return fc.oneof(
      { weight: 8, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 2, arbitrary: item },
      { weight: 1, arbitrary: fc.array(item, { minLength: 99, maxLength: 120 }) },
      { weight: typed ? 0 : 1, arbitrary: fc.constant(null) },
    );
  }
  const named = getNamedType(type);
  let right: fc.Arbitrary<unknown>;
  if (isEnumType(named)) {
    const known = fc.constantFrom(...named.getValues().map((v) => v.name));
    right = typed ? known : fc.oneof({ weight: 2, arbitrary: known }, fc.constantFrom(...UNKNOWN_ENUM));
  } else if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields());
    right = fc.record(Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, level)])), { requiredKeys: [] });
  } else if (named.name === 'Int') right = typed ? int32 : anyNumber;
  else if (named.name === 'Float') right = anyNumber;
  else if (named.name === 'Boolean') right = fc.boolean();
  else if (named.name === 'JSON') right = fc.jsonValue({ maxDepth: 2 });
  else right = anyString;
  return typed ? right : fc.oneof({ weight: 3, arbitrary: right }, wrongType);
}

/** Parameters of a saved query: its own names (and a stranger) with values of every kind. */
function savedParams(q: SavedQuery): fc.Arbitrary<unknown> {
  const value = fc.oneof(
    anyString,
    anyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('2023-01-01', '2023-02-30', '99999-01-01', 'Enterprise', '-1', '1e308'),
    fc.array(fc.oneof(anyString, fc.constant(null)), { maxLength: 3 }),
  );
  const names = [...q.params.map((p) => p.name), 'nope'];
  return fc.oneof(
    { weight: 8, arbitrary: fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

// ---------------------------------------------------------------------------------------------
// Operations

/** How an argument is sent: inline, as a variable (maybe declared with a wrong type, or not provided), or left out. */
type Mode = 'inline' | 'var' | 'var-wrong-type' | 'var-missing' | 'omit';

interface GenArg {
  /** The argument's name and type only (its AST would fill a failure report). */
  arg: { name: string; type: GraphQLInputType };
  mode: Mode;
  value: unknown;
}

interface GenField {
  name: string;
  args: GenArg[];
  /** Null for a leaf. */
  sub: GenField[] | null;
}

function argArb(arg: GraphQLArgument, level: Level, value: fc.Arbitrary<unknown> = valueFor(arg.type, level)): fc.Arbitrary<GenArg> {
  const typed = level !== 'wild';
  const optional = !isNonNullType(arg.type) || arg.defaultValue !== undefined;
  const mode = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom<Mode>('inline', 'var') },
    { weight: optional ? 3 : 0, arbitrary: fc.constant<Mode>('omit') },
    { weight: typed ? 0 : 1, arbitrary: fc.constantFrom<Mode>('var-wrong-type', 'var-missing', 'omit') },
  );
  return fc.record({ arg: fc.constant({ name: arg.name, type: arg.type }), mode, value });
}

function argsArb(field: GraphQLField<unknown, unknown>, level: Level): fc.Arbitrary<GenArg[]> {
  if (field.name === 'runSavedQuery' && savedQueries.length) {
    const [nameArg, paramsArg] = [field.args.find((a) => a.name === 'name')!, field.args.find((a) => a.name === 'params')!];
    const name = (q: SavedQuery) => fc.oneof({ weight: 9, arbitrary: fc.constant(q.name) }, valueFor(nameArg.type, level));
    return fc
      .constantFrom(...savedQueries)
      .chain((q) => fc.tuple(argArb(nameArg, level, name(q)), argArb(paramsArg, level, savedParams(q))));
  }
  return fc.tuple(...field.args.map((a) => argArb(a, level)));
}

function fieldArb(field: GraphQLField<unknown, unknown>, depth: number, level: Level): fc.Arbitrary<GenField | null> {
  const named = getNamedType(field.type);
  if (isLeafType(named)) return argsArb(field, level).map((args) => ({ name: field.name, args, sub: null }));
  if (depth <= 0 || !isObjectType(named)) return fc.constant(null);
  return fc.tuple(argsArb(field, level), selectionArb(named, depth - 1, level)).map(([args, sub]) => ({ name: field.name, args, sub }));
}

function selectionArb(type: GraphQLObjectType, depth: number, level: Level): fc.Arbitrary<GenField[]> {
  const fields = Object.values(type.getFields());
  return fc
    .subarray(fields, { minLength: 1, maxLength: Math.min(4, fields.length) })
    .chain((picked) => fc.tuple(...picked.map((f) => fieldArb(f, depth, level))))
    .map((sub) => sub.filter((f): f is GenField => f !== null));
}

const rootFields = Object.values(schema.getQueryType()!.getFields()).filter(
  (f) => !SKIP.has(f.name) && Object.hasOwn(resolvers.Query ?? {}, f.name),
);

/** Two thirds of the operations are well-typed, so they pass validation and reach the resolvers and the store. */
const operationArb: fc.Arbitrary<GenField> = fc
  .tuple(fc.constantFrom(...rootFields), fc.constantFrom<Level>('plausible', 'typed', 'wild'))
  .chain(([f, level]) => fieldArb(f, MAX_DEPTH, level))
  .map((f) => f!);

/** The write mutations (curation and import); accounts have their own suite. */
const WRITES = new Set([
  'createEntity',
  'updateEntity',
  'retractEntity',
  'restoreEntity',
  'mergeEntities',
  'addRelation',
  'updateRelation',
  'retractRelation',
  'restoreRelation',
  'confirmRelation',
  'revertChange',
  'applyImport',
  'ingestArticle',
  'applyIngest',
  'discardIngest',
]);
const mutationFields = Object.values(schema.getMutationType()!.getFields()).filter((f) => WRITES.has(f.name));
const MUTATION_RUNS = Number(process.env.FUZZ_MUTATION_RUNS ?? 1500);
const mutationArb: fc.Arbitrary<GenField> = fc
  .tuple(fc.constantFrom(...mutationFields), fc.constantFrom<Level>('plausible', 'typed', 'wild'))
  .chain(([f, level]) => fieldArb(f, 2, level))
  .map((f) => f!);

// ---------------------------------------------------------------------------------------------
// Printing

function printString(s: string): string {
  return JSON.stringify(s);
}

/** A GraphQL literal for `value` where `type` is expected: enum names bare, everything else by its JS type. */
function literal(value: unknown, type: GraphQLInputType): string {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, isListType(inner) ? inner.ofType : inner)).join(', ')}]`;
  if (typeof value === 'string') return isEnumType(getNamedType(inner)) && NAME.test(value) ? value : printString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  const named = getNamedType(inner);
  const fields = isInputObjectType(named) ? named.getFields() : {};
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
    const key = NAME.test(k) ? k : `_${k.replace(/\W/g, '_')}`;
    return `${key}: ${literal(v, fields[k]?.type ?? inner)}`;
  });
  return `{${entries.join(', ')}}`;
}

function print(op: GenField, operation: 'query' | 'mutation' = 'query'): { query: string; variables: Record<string, unknown> } {
  const decls: string[] = [];
  const variables: Record<string, unknown> = {};
  const field = (f: GenField): string => {
    const args = f.args
      .filter((a) => a.mode !== 'omit')
      .map((a) => {
        if (a.mode === 'inline') return `${a.arg.name}: ${literal(a.value, a.arg.type)}`;
        const v = `v${decls.length}`;
        const declared = a.mode === 'var-wrong-type' ? (getNamedType(a.arg.type).name === 'String' ? 'Int' : 'String') : String(a.arg.type);
        decls.push(`$${v}: ${declared}`);
        if (a.mode !== 'var-missing') variables[v] = a.value;
        return `${a.arg.name}: $${v}`;
      });
    const sub = f.sub ? ` { __typename ${f.sub.map(field).join(' ')} }` : '';
    return `${f.name}${args.length ? `(${args.join(', ')})` : ''}${sub}`;
  };
  const body = field(op);
  return { query: `${operation} Fuzz${decls.length ? `(${decls.join(', ')})` : ''} { ${body} }`, variables };
}

// ---------------------------------------------------------------------------------------------
// The property

function problems(res: GqlResult): string[] {
  return (res.errors ?? []).flatMap((e) => {
    const code = e.extensions?.code;
    if (!code) return [`no extensions.code: ${e.message}`];
    if (code === 'INTERNAL_SERVER_ERROR') return [`INTERNAL_SERVER_ERROR: ${e.message}`];
    if (LEAK.test(e.message)) return [`leaks detail: ${e.message.slice(0, 300)}`];
    return [];
  });
}

async function counts(store: GraphStore): Promise<{ entities: number; relations: number }> {
  const [e] = await store.read('MATCH (n:Entity) RETURN count(n) AS n');
  const [r] = await store.read('MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n');
  return { entities: Number(e.n), relations: Number(r.n) };
}

const it = graphTest({
  load: (store) => loadSeed(store, new URL('../../seed', import.meta.url).pathname),
  context: (ctx) => ({ ...ctx, savedQueries }),
});

const stores = storeFactories.filter((f) => f.name === 'embedded' || process.env.INTEGRATION_NEO4J === '1');

describe.each(stores)('the API under fuzzed operations on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it(
    `answers ${RUNS} generated operations with a code and a safe message, and changes nothing`,
    { timeout: 300_000 },
    async ({ gql, store }) => {
      const before = await counts(store);
      expect(before.entities).toBeGreaterThan(100);
      await fc.assert(
        fc.asyncProperty(operationArb, async (op) => {
          const { query, variables } = print(op);
          const found = problems(await gql(query, variables));
          if (found.length)
            throw new Error(`${found.join('\n')}\nquery: ${query.slice(0, 2000)}\nvariables: ${JSON.stringify(variables).slice(0, 2000)}`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(await counts(store)).toEqual(before);
      // Still answering: the store and the server survived.
      expect((await gql('{ stats { entities } }')).data?.stats.entities).toBe(before.entities);
    },
  );
});

describe.each(stores)('the write mutations under fuzzed input on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it(
    `answer ${MUTATION_RUNS} generated writes with a code and a safe message, and write only whole, audited change sets`,
    { timeout: 300_000 },
    async ({ gql, store }) => {
      await fc.assert(
        fc.asyncProperty(mutationArb, async (op) => {
          const { query, variables } = print(op, 'mutation');
          const found = problems(await gql(query, variables));
          if (found.length)
            throw new Error(`${found.join('\n')}\nquery: ${query.slice(0, 2000)}\nvariables: ${JSON.stringify(variables).slice(0, 2000)}`);
        }),
        { numRuns: MUTATION_RUNS, seed: SEED, endOnFailure: true },
      );
      const n = async (cypher: string) => Number((await store.read(cypher))[0].n);
      const changes = await n('MATCH (c:ChangeSet) RETURN count(c) AS n');
      // Every change set has its audit event and at least one revision; no revision without its change set.
      expect(await n("MATCH (a:AuditEvent) WHERE a.action = 'WRITE' RETURN count(a) AS n")).toBe(changes);
      expect(await n('MATCH (r:Revision) RETURN count(DISTINCT r.changeSet) AS n')).toBe(changes);
      expect((await gql('{ stats { entities } }')).data?.stats.entities).toBeGreaterThan(100);
    },
  );
});

/** Inputs that used to answer INTERNAL_SERVER_ERROR (or a wrong code), named. */
describe('mistakes the fuzzer found', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['a float for an Int variable', 'query($l: Int) { search(text: "思路迪", limit: $l) { id } }', { l: 1.5 }, 'BAD_USER_INPUT'],
    ['an Int variable beyond 32 bits', 'query($l: Int) { search(text: "思路迪", limit: $l) { id } }', { l: 2 ** 40 }, 'BAD_USER_INPUT'],
    [
      'an unknown enum value in a variable',
      'query($t: [EntityType!]) { search(text: "a", types: $t) { id } }',
      { t: ['Nope'] },
      'BAD_USER_INPUT',
    ],
    ['null inside an id list', 'query($i: [ID!]!) { neighborhood(ids: $i) { truncated } }', { i: ['siludi', null] }, 'BAD_USER_INPUT'],
    ['a variable not provided', 'query($i: [ID!]!) { neighborhood(ids: $i) { truncated } }', {}, 'BAD_USER_INPUT'],
    [
      'null for a non-null argument with a defaulted variable',
      'query($t: String = "a") { search(text: $t) { id } }',
      { t: null },
      'BAD_USER_INPUT',
    ],
    ['a 10,000-character id', `{ entity(id: "${'x'.repeat(10_000)}") { id } }`, {}, 'BAD_USER_INPUT'],
    ['stats of something that is not a region', '{ stats(region: "siludi") { entities } }', {}, 'NOT_FOUND'],
    ['a 10,000-character saved query name', `{ runSavedQuery(name: "${'q'.repeat(10_000)}") { columns } }`, {}, 'BAD_USER_INPUT'],
  ];
  it.for(cases)('%s', async ([, query, variables, code], { gql }) => {
    const res = await gql(query, variables);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    expect(res.errors![0].message.length).toBeLessThan(400);
  });
});
