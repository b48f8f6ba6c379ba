/** The bulk-load CSV writer: what csv-parse (a real CSV reader) reads back is what went in. */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect } from 'vitest';
import type { GraphData } from '../../server/domain/model.js';
import { writeLoadFiles } from '../../server/store/load-files.js';
import { test as it } from '../helpers/fixtures.js';

const TRICKY = `引号 "double" 'single' \\ backslash, comma {braces} $param`;
const MULTILINE = '第一行\n第二行\r\n第三行';

const data: GraphData = {
  entities: [
    { id: 'a', type: 'Enterprise', name: TRICKY, aliases: ['閔行區"測試"'], search: 'a', sources: [{ document: 'd.md', quote: 'q "x"' }] },
    { id: 'b', type: 'Park', name: '浦江智谷', aliases: [], description: '', ord: 3, search: 'b', sources: [] },
    { id: 'c', type: 'Region', name: '闵行区', aliases: [], description: MULTILINE, search: 'c', sources: [] },
  ],
  relations: [
    { id: 'r1', type: 'LOCATED_IN', from: 'a', to: 'b', sources: [] },
    { id: 'r2', type: 'SIGNED', from: 'a', to: 'b', topic: TRICKY, inferred: true, sources: [{ document: 'd.md', quote: '签约' }] },
    { id: 'r3', type: 'LOCATED_IN', from: 'b', to: 'c', date: '2024-05-01', sources: [] },
  ],
};

function read(file: string): Record<string, string | null>[] {
  // Quoted empty → '' (empty text); unquoted empty → null, as LadybugDB's COPY reads them.
  return parse(fs.readFileSync(file), {
    columns: true,
    cast: (value, ctx) => (value === '' && !ctx.quoting ? null : value),
  });
}

describe('writeLoadFiles', () => {
  it('writes entities first, then one file per relation type present, grouped in one pass', ({ tempDir }) => {
    const files = writeLoadFiles(data, tempDir);
    expect(files.map((f) => f.table)).toEqual(['Entity', 'LOCATED_IN', 'SIGNED']);
    expect(read(files[1].file).map((r) => r.id)).toEqual(['r1', 'r3']);
  });

  it('round-trips quotes, commas, backslashes, Chinese and newlines, and keeps empty text apart from null', ({ tempDir }) => {
    const files = writeLoadFiles(data, tempDir);
    const [a, b, c] = read(files[0].file);
    expect(a.name).toBe(TRICKY);
    expect(JSON.parse(a.aliases!)).toEqual(['閔行區"測試"']);
    expect(JSON.parse(a.sources!)).toEqual([{ document: 'd.md', quote: 'q "x"' }]);
    expect(a.description).toBeNull();
    expect(b.description).toBe('');
    expect(b.ord).toBe('3');
    expect(c.description).toBe(MULTILINE);
    expect(files[0].multiline).toBe(true);
    const [signed] = read(files[2].file);
    expect(signed).toMatchObject({ from: 'a', to: 'b', topic: TRICKY, inferred: 'true', role: null });
    expect(files[2].multiline).toBe(false);
    expect(read(files[1].file)[0].inferred).toBe('false');
  });
});
