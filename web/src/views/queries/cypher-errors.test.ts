import { describe, expect, it } from 'vitest';
import { wordLint, wordServerError } from './cypher-errors.js';

describe('Cypher problems in words', () => {
  it('words the language service’s syntax error with what may come there', () => {
    const w = wordLint("Invalid input 'RETRN': expected a graph pattern, ',', 'ORDER BY', 'CALL', 'CREATE', 'MATCH' or <EOF>");
    expect(w).toMatchObject({ key: 'queries.lint.invalidInput', vars: { token: 'RETRN' } });
    // Only what a read-only query may use: no CALL or CREATE.
    expect(w.more?.vars.expected).toBe('ORDER BY · MATCH');
  });

  it('names an unknown label or relation type', () => {
    expect(wordLint('Label Foo is not present in the database. Make sure')).toEqual({
      key: 'queries.lint.unknownLabel',
      vars: { name: 'Foo' },
    });
    expect(wordLint('Relationship type BAR is not present in the database.').vars).toEqual({ name: 'BAR' });
  });

  it('never passes an unknown English message through', () => {
    expect(wordLint('Something new the library says')).toEqual({ key: 'queries.lint.generic' });
  });

  it('words the read-only boundary’s refusals', () => {
    expect(
      wordServerError('read-only: CREATE is not allowed here: a query starts with MATCH, OPTIONAL MATCH, WITH, UNWIND or RETURN'),
    ).toEqual({
      key: 'queries.err.startsWith',
      vars: { first: 'CREATE' },
    });
    expect(wordServerError('read-only: every node pattern must be labelled :Entity (line 1: (n))')?.key).toBe('queries.err.entityLabel');
    expect(wordServerError('read-only: the function apoc.x() is not allowed here')).toEqual({
      key: 'queries.err.function',
      vars: { name: 'apoc.x()' },
    });
    expect(wordServerError("Cypher error: line 1:17 mismatched input 'RETRN' expecting {<EOF>, ';'}")).toEqual({
      key: 'queries.err.syntax',
      vars: { token: 'RETRN' },
      at: { line: 1, col: 18 },
    });
    expect(wordServerError('something else')).toBeNull();
  });
});
