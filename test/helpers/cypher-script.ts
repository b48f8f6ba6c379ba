/**
 * The statements of an exported Cypher script, as its header tells a user to run them: after the `//`
 * comment lines, one statement per line, each ending with `;` (literals escape their line breaks).
 */
export function scriptStatements(script: string): string[] {
  return script
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('//'))
    .map((line) => line.replace(/;$/, ''));
}
