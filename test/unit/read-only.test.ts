import { describe, expect, it } from 'vitest';
import { checkQueryText } from '../../server/domain/read-only.js';

const refused = (q: string) => {
  try {
    checkQueryText(q);
    return null;
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describe('read-only text check', () => {
  it.each([
    'CREATE (n:Entity {id: "x"})',
    'match (n) set n.name = "x"',
    'MATCH (n) DETACH DELETE n',
    'MATCH (n) REMOVE n.name',
    'MERGE (n:Entity {id: "x"})',
    'DROP TABLE Entity',
    "COPY Entity FROM '/tmp/x.csv'",
    "LOAD CSV FROM 'file:///x' AS row RETURN row",
    'MATCH (n) FOREACH (x IN [1] | SET n.a = x)',
    'CALL apoc.create.node(["X"], {}) YIELD node RETURN node',
    'MATCH (n) CALL { WITH n DELETE n } RETURN 1',
    'RETURN 1; MATCH (n) DELETE n',
    '/* harmless */ MATCH (n) /* */ DELETE n',
  ])('refuses %s', (q) => {
    expect(refused(q)).toBe('FORBIDDEN');
  });

  it.each([
    'MATCH (n:Entity) RETURN n.name',
    "MATCH (n:Entity) WHERE n.name CONTAINS 'CREATE' RETURN n",
    'MATCH (n:Entity) WHERE n.description = "DELETE me; SET x" RETURN n',
    '// CREATE in a comment\nMATCH (n) RETURN count(n)',
    'MATCH (n) RETURN n.created_at AS createdAt',
    'CALL db.labels() YIELD label RETURN label',
    'CALL show_tables() RETURN *',
    'MATCH (n) RETURN n;',
    "MATCH (n) WHERE n.x = 'it\\'s; DELETE' RETURN n",
    'MATCH (`SET`) RETURN `SET`',
  ])('allows %s', (q) => {
    expect(refused(q)).toBeNull();
  });
});
