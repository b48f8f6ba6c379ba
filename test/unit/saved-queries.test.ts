import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindParams, cypherFor, loadSavedQueries } from '../../server/domain/saved-queries.js';

const QUERIES = path.resolve(import.meta.dirname, '../../queries');

function tempQueries(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioeco-q-'));
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

describe('saved queries', () => {
  const all = loadSavedQueries(QUERIES);

  it('ships at least ten queries, each with Chinese and English titles and a description', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const q of all) {
      expect(q.title).toMatch(/[\u4e00-\u9fff]/);
      expect(q.titleEn).toMatch(/[A-Za-z]/);
      expect(q.description.length).toBeGreaterThan(10);
    }
  });

  it('reads typed parameters with defaults from the header', () => {
    const q = all.find((x) => x.name === 'segment-enterprises-in-region')!;
    expect(q.params).toEqual([
      { name: 'segment', type: 'id', default: 'seg-medical-devices', description: '产业链环节 id' },
      { name: 'region', type: 'id', default: 'minhang', description: '区域 id' },
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

  it('uses an engine-specific variant only where one exists', () => {
    const dir = tempQueries({
      'x.cypher': '// name: x\n// title: 甲\n// titleEn: X\n// description: a query for the test\nMATCH (n) RETURN n',
      'x.neo4j.cypher': '// name: x\n// title: 甲\n// titleEn: X\n// description: a query for the test\nMATCH (n) RETURN n LIMIT 1',
    });
    const [q] = loadSavedQueries(dir);
    expect(cypherFor(q, 'embedded')).toBe('MATCH (n) RETURN n');
    expect(cypherFor(q, 'neo4j')).toBe('MATCH (n) RETURN n LIMIT 1');
  });

  it('rejects a file whose header lacks a title', () => {
    const dir = tempQueries({ 'y.cypher': '// name: y\nMATCH (n) RETURN n' });
    expect(() => loadSavedQueries(dir)).toThrow(/header lacks "title"/);
  });
});
