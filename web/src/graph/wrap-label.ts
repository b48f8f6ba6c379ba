/**
 * Cytoscape wraps labels only at whitespace, so a long Chinese name would stay on one line.
 * This breaks a label into lines of about `width` Chinese characters (Latin words stay whole,
 * counting about half a character each) and ends with "…" after `maxLines`.
 */
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

export function wrapLabel(text: string, width = 10, maxLines = 3): string {
  const tokens =
    text.match(new RegExp(`${WIDE.source}|[^\\s\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f]+|\\s+`, 'g')) ?? [];
  const lines: string[] = [];
  let line = '';
  let w = 0;
  for (const tok of tokens) {
    const isSpace = /^\s+$/.test(tok);
    const tw = isSpace ? 0.5 : WIDE.test(tok) ? 1 : tok.length * 0.55;
    if (w + tw > width && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = '';
      w = 0;
      if (isSpace) continue;
    }
    line += tok;
    w += tw;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines.join('\n');
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1].replace(/.$/u, '')}…`;
  return kept.join('\n');
}
