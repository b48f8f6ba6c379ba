/** Reading the export request and naming the download, without a store. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../server/domain/errors.js';
import { parseExportFormat } from '../../server/export/export.js';
import { contentDisposition, parseExportQuery } from '../../server/export/route.js';

const q = (s: string) => parseExportQuery(new URLSearchParams(s));

describe('parseExportQuery', () => {
  it('reads comma-separated and repeated ids, depth and format', () => {
    expect(q('ids=a, b,&ids=c&depth=2&format=csv')).toEqual({ ids: ['a', 'b', 'c'], depth: 2, format: 'csv' });
    expect(q('ids=%E9%97%B5%E8%A1%8C&format=json')).toEqual({ ids: ['闵行'], depth: 1, format: 'json' });
  });

  it('refuses a depth that is not a whole number and a missing format', () => {
    for (const bad of ['ids=a&depth=x&format=json', 'ids=a&depth=-1&format=json', 'ids=a&depth=1e3&format=json', 'ids=a']) {
      expect(() => q(bad)).toThrow(DomainError);
    }
  });
});

describe('parseExportFormat', () => {
  it('accepts the four formats in any case and refuses others', () => {
    expect(['json', 'GraphML', ' CSV ', 'cypher'].map(parseExportFormat)).toEqual(['JSON', 'GRAPHML', 'CSV', 'CYPHER']);
    expect(() => parseExportFormat('xml')).toThrow(/format must be one of JSON, GRAPHML, CSV, CYPHER/);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('bioeco-subgraph-闵行区+1-d2.csv')).toBe(
      `attachment; filename="bioeco-subgraph-___+1-d2.csv"; filename*=UTF-8''bioeco-subgraph-%E9%97%B5%E8%A1%8C%E5%8C%BA%2B1-d2.csv`,
    );
    expect(contentDisposition(`a"b'(c).json`)).toBe(`attachment; filename="a_b'(c).json"; filename*=UTF-8''a%22b%27%28c%29.json`);
  });
});
