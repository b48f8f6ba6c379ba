import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { bindParams, cypherFor, loadSavedQueries } from '../../server/domain/saved-queries.js';
import { test as it } from '../helpers/fixtures.js';

const QUERIES = path.resolve(import.meta.dirname, '../../queries');

function writeQueries(dir: string, files: Record<string, string>): string {
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

describe('saved queries', () => {
  const all = loadSavedQueries(QUERIES);

  it('reads typed parameters with defaults and descriptions in both languages from the header', () => {
    const q = all.find((x) => x.name === 'segment-enterprises-in-region')!;
    expect(q.params).toEqual([
      {
        name: 'segment',
        type: 'ID',
        default: 'seg-medical-devices',
        description: '产业链环节',
        descriptionEn: 'Chain segment',
        entityTypes: ['ChainSegment'],
      },
      { name: 'region', type: 'ID', default: 'minhang', description: '区域', descriptionEn: 'Region', entityTypes: ['Region'] },
    ]);
    expect(q.cypher.startsWith('MATCH')).toBe(true);
  });

  it('binds defaults, coerces strings from forms, and names the parameter in errors', () => {
    const q = all.find((x) => x.name === 'bridging-alliances')!;
    expect(bindParams(q, {})).toEqual({ minDistricts: 2 });
    expect(bindParams(q, { minDistricts: '3' })).toEqual({ minDistricts: 3 });
    const err = (() => {
      try {
        bindParams(q, { minDistricts: 'three' });
      } catch (e) {
        return e as { code: string; details: { param: string } };
      }
    })();
    expect(err?.code).toBe('BAD_USER_INPUT');
    expect(err?.details.param).toBe('minDistricts');
    expect(() => bindParams(q, { nope: 1 })).toThrow(/unknown parameter "nope"/);
  });

  const code = (f: () => unknown) => {
    try {
      f();
      return null;
    } catch (e) {
      return (e as { code?: string; details?: { param?: string } }).code + ' ' + (e as { details?: { param?: string } }).details?.param;
    }
  };

  it('takes calendar days only: 2023-02-31 is refused, not rolled over to March', () => {
    const q = all.find((x) => x.name === 'stale-sources')!;
    expect(bindParams(q, { before: '2024-02-29' })).toEqual({ before: '2024-02-29' });
    for (const before of ['2023-02-31', '2023-02-29', '2023-13-01', '2023-00-10', '2023-1-1', '2023-01-01T00:00'])
      expect(
        code(() => bindParams(q, { before })),
        before,
      ).toBe('BAD_USER_INPUT before');
  });

  it('refuses an explicit empty value instead of quietly using the default; a parameter left out or null takes it', () => {
    const q = all.find((x) => x.name === 'stale-sources')!;
    expect(code(() => bindParams(q, { before: '' }))).toBe('BAD_USER_INPUT before');
    expect(bindParams(q, {})).toEqual({ before: '2023-01-01' });
    expect(bindParams(q, { before: null })).toEqual({ before: '2023-01-01' });
    const alliance = all.find((x) => x.name === 'alliance-members')!;
    expect(code(() => bindParams(alliance, { alliance: '' }))).toBe('BAD_USER_INPUT alliance');
    expect(code(() => bindParams(alliance, { alliance: ' ' }))).toBe('BAD_USER_INPUT alliance');
  });

  it('bounds integers: within ±1e9, and a limit at least 1', () => {
    const q = all.find((x) => x.name === 'inferred-facts')!;
    expect(bindParams(q, { limit: '5' })).toEqual({ limit: 5 });
    for (const limit of [-1, 0, '-1', 1e12, '99999999999999999999', 2.5, '1e3'])
      expect(
        code(() => bindParams(q, { limit })),
        String(limit),
      ).toBe('BAD_USER_INPUT limit');
    const bridging = all.find((x) => x.name === 'bridging-alliances')!;
    expect(bindParams(bridging, { minDistricts: -3 })).toEqual({ minDistricts: -3 });
    expect(code(() => bindParams(bridging, { minDistricts: 1_000_000_001 }))).toBe('BAD_USER_INPUT minDistricts');
  });

  it('uses an engine-specific variant only where one exists', ({ tempDir }) => {
    const header = '// name: x\n// title: 甲\n// titleEn: X\n// description: 测试用\n// descriptionEn: a query for the test\n';
    const dir = writeQueries(tempDir, {
      'x.cypher': `${header}MATCH (n) RETURN n`,
      'x.neo4j.cypher': `${header}MATCH (n) RETURN n LIMIT 1`,
    });
    const [q] = loadSavedQueries(dir);
    expect(cypherFor(q, 'embedded')).toBe('MATCH (n) RETURN n');
    expect(cypherFor(q, 'neo4j')).toBe('MATCH (n) RETURN n LIMIT 1');
  });

  it('rejects a file whose header lacks a title', ({ tempDir }) => {
    const dir = writeQueries(tempDir, { 'y.cypher': '// name: y\nMATCH (n) RETURN n' });
    expect(() => loadSavedQueries(dir)).toThrow(/header lacks "title"/);
  });
});
