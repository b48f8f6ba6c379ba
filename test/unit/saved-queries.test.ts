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
      { name: 'segment', type: 'ID', default: 'seg-medical-devices', description: '产业链环节 id', descriptionEn: 'Chain segment id' },
      { name: 'region', type: 'ID', default: 'minhang', description: '区域 id', descriptionEn: 'Region id' },
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
