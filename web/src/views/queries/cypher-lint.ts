/**
 * The editor's diagnostics: language-support's linter, which runs Neo4j's semantic analysis (a
 * ~5 MB module). Its own chunk, imported once the editor is on screen, so the editor itself opens
 * with the parser alone.
 */
import { isNotParamError, lintCypherQuery } from '@neo4j-cypher/language-support';
import { DB_SCHEMA } from './cypher-schema.js';

export interface CypherProblem {
  from: number;
  to: number;
  error: boolean;
  message: string;
}

export function lintCypher(text: string): CypherProblem[] {
  return lintCypherQuery(text, DB_SCHEMA)
    .diagnostics.map((d) => ({
      from: d.offsets.start,
      to: d.offsets.end,
      error: d.severity === 1,
      message: typeof d.message === 'string' ? d.message : d.message.value,
    }))
    .filter((d) => isNotParamError(d));
}
