/**
 * Read-only enforcement for saved and ad-hoc Cypher. Two independent checks run before a query:
 * a lexical scan for writing clauses (outside strings and comments), then the engine's own verdict
 * (LadybugDB's prepared statement, Neo4j's EXPLAIN query type). The query then runs in a read
 * transaction with a timeout and a row cap.
 */
import type { GraphStore } from '../store/types.js';
import { DomainError } from './errors.js';

const WRITING = [
  'CREATE',
  'MERGE',
  'SET',
  'DELETE',
  'DETACH',
  'REMOVE',
  'DROP',
  'COPY',
  'LOAD',
  'ALTER',
  'FOREACH',
  'INSTALL',
  'ATTACH',
  'IMPORT',
  'EXPORT',
  'CHECKPOINT',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'GRANT',
  'REVOKE',
  'DENY',
  'TERMINATE',
];

/** Procedures that only read; any other CALL is refused. */
const READ_PROCEDURES = new Set([
  'db.labels',
  'db.relationshiptypes',
  'db.propertykeys',
  'db.schema.visualization',
  'db.schema.nodetypeproperties',
  'db.schema.reltypeproperties',
  'show_tables',
  'table_info',
  'show_connection',
  'current_setting',
]);

/** Replaces string literals, quoted names and comments with spaces so keywords inside them are ignored. */
function stripLiterals(cypher: string): string {
  let out = '';
  let i = 0;
  while (i < cypher.length) {
    const c = cypher[i];
    const next = cypher[i + 1];
    if (c === '/' && next === '/') {
      while (i < cypher.length && cypher[i] !== '\n') i++;
      out += ' ';
    } else if (c === '/' && next === '*') {
      const end = cypher.indexOf('*/', i + 2);
      i = end === -1 ? cypher.length : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < cypher.length && cypher[j] !== c) j += cypher[j] === '\\' && c !== '`' ? 2 : 1;
      i = j + 1;
      out += c === '`' ? ' _name_ ' : " '' ";
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function forbidden(message: string): DomainError {
  return new DomainError('FORBIDDEN', message);
}

/** Throws FORBIDDEN when the text of a query could write. */
export function checkQueryText(cypher: string): void {
  const text = stripLiterals(cypher);
  if (/;\s*\S/.test(text)) throw forbidden('only one statement may run at a time');
  const upper = text.toUpperCase();
  for (const kw of WRITING) {
    if (new RegExp(`\\b${kw}\\b`).test(upper)) throw forbidden(`read-only: ${kw} is not allowed here`);
  }
  for (const m of text.matchAll(/\bCALL\s+([A-Za-z_][\w.]*)/gi)) {
    if (!READ_PROCEDURES.has(m[1].toLowerCase())) throw forbidden(`read-only: CALL ${m[1]} is not allowed here`);
  }
  if (/\bCALL\s*\{/i.test(text) || /\bCALL\s*\(/i.test(text)) throw forbidden('read-only: CALL subqueries are not allowed here');
}

/** Both checks: the text, then the engine's own plan. */
export async function assertReadOnly(store: GraphStore, cypher: string): Promise<void> {
  checkQueryText(cypher);
  if (!(await store.isReadOnly(cypher))) throw forbidden('read-only: the engine reports that this query writes');
}
