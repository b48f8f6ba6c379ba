/**
 * The executable schema: SDL files plus the enums that follow from shared/model (the code generator
 * reads the same), with every field's role check (and audit) from server/auth/permissions.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { modelEnumsSdl } from '../shared/model/index.js';
import { applyAccess } from './auth/guard.js';
import { resolvers } from './resolvers/index.js';

const SCHEMA_DIR = path.join(import.meta.dirname, 'schema');

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.LIST:
      return ast.values.map(literal);
    default:
      return null;
  }
}

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: literal,
});

export function buildSchema() {
  const sdl = fs
    .readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));
  return applyAccess(
    makeExecutableSchema({ typeDefs: ['scalar JSON', modelEnumsSdl(), ...sdl], resolvers: { JSON: JSONScalar, ...resolvers } }),
  );
}
