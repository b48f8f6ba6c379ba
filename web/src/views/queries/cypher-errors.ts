/**
 * Cypher problems in the reader's language: the editor's own diagnostics (from
 * @neo4j-cypher/language-support) and the server's refusals. Both arrive as English text, so they are
 * recognised by pattern here; what is not recognised becomes a generic sentence, never English in
 * the Chinese UI.
 */
import type { MessageKey } from '../../i18n/i18n.js';

export interface Worded {
  key: MessageKey;
  vars?: Record<string, string>;
  /** A second sentence appended (e.g. what was expected). */
  more?: { key: MessageKey; vars: Record<string, string> };
  /** Line and column (1-based), when the text names them. */
  at?: { line: number; col: number };
}

const MAX_EXPECTED = 8;

/** Keywords of clauses the read-only boundary refuses; never suggested. */
export const REFUSED = new Set([
  'CALL',
  'CREATE',
  'DELETE',
  'DETACH',
  'NODETACH',
  'MERGE',
  'SET',
  'REMOVE',
  'FOREACH',
  'LOAD CSV',
  'LOAD',
  'USE',
  'FINISH',
  'INSERT',
  'USING',
  'SHOW',
  'TERMINATE',
  'DROP',
  'ALTER',
  'GRANT',
  'DENY',
  'REVOKE',
  'START',
  'STOP',
  'ENABLE',
  'EXPLAIN',
  'PROFILE',
]);

/** An editor diagnostic (language-support's `message`) as a translatable sentence. */
export function wordLint(message: string): Worded {
  let m = /^Invalid input '(.*?)': expected (.*)$/s.exec(message);
  if (m) {
    // Only the keywords that may follow: punctuation and "a graph pattern" would read as noise.
    // Write and admin clauses are left out: the read-only boundary refuses them anyway.
    const options = [...m[2].matchAll(/'([^']+)'/g)].map((x) => x[1]).filter((x) => /^[A-Z][A-Z ]*$/.test(x) && !REFUSED.has(x));
    return {
      key: 'queries.lint.invalidInput',
      vars: { token: m[1] },
      more: options.length
        ? {
            key: 'queries.lint.expected',
            vars: { expected: options.slice(0, MAX_EXPECTED).join(' · ') + (options.length > MAX_EXPECTED ? ' …' : '') },
          }
        : undefined,
    };
  }
  if ((m = /^Label (\S+) is not present/.exec(message))) return { key: 'queries.lint.unknownLabel', vars: { name: m[1] } };
  if ((m = /^Relationship type (\S+) is not present/.exec(message))) return { key: 'queries.lint.unknownRelType', vars: { name: m[1] } };
  if ((m = /^Query cannot conclude with (\S+)/.exec(message))) return { key: 'queries.lint.mustEnd', vars: { clause: m[1] } };
  if ((m = /^Variable `?([^`\s]+)`? not defined/.exec(message))) return { key: 'queries.lint.undefinedVariable', vars: { name: m[1] } };
  return { key: 'queries.lint.generic' };
}

/** The server's message of a refused or unparsable ad-hoc query as a translatable sentence. */
export function wordServerError(message: string): Worded | null {
  const text = message.replace(/^read-only:\s*/, '');
  let m = /^Cypher error: line (\d+):(\d+) (.*)$/s.exec(text);
  if (m) {
    const at = { line: Number(m[1]), col: Number(m[2]) + 1 };
    const rest = m[3];
    const missing = /^missing (.+?) at '(.*)'$/s.exec(rest);
    if (missing) return { key: 'queries.err.missing', vars: { what: missing[1], token: missing[2] }, at };
    const token = /(?:input|at:?) '(.*?)'/s.exec(rest);
    return token ? { key: 'queries.err.syntax', vars: { token: token[1].slice(-40) }, at } : { key: 'queries.lint.generic', at };
  }
  if (/^Cypher error:/.test(text)) return { key: 'queries.lint.generic' };
  if ((m = /^(.{1,24}?) is not allowed here: a query starts with/.exec(text)))
    return { key: 'queries.err.startsWith', vars: { first: m[1] } };
  if (/^only one statement/.test(text)) return { key: 'queries.err.oneStatement' };
  if (/^every node pattern must be labelled/.test(text)) return { key: 'queries.err.entityLabel' };
  if (/^relationship types must be among/.test(text)) return { key: 'queries.err.relType' };
  if (/^a variable-length relationship needs an upper bound/.test(text)) return { key: 'queries.err.varLength' };
  if ((m = /^the function (.+?) is not allowed/.exec(text))) return { key: 'queries.err.function', vars: { name: m[1] } };
  if (/^the engine reports that this query writes/.test(text)) return { key: 'queries.err.writes' };
  if ((m = /^(?:line \d+: )?"?(.{1,40}?)"? is not allowed (?:here|in a pattern)/.exec(text)))
    return { key: 'queries.err.notAllowed', vars: { what: m[1] } };
  if (message.startsWith('read-only:')) return { key: 'queries.err.readOnly' };
  return null;
}
