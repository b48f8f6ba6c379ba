/** The curated facts against their sources: quotes verbatim, provenance on every fact, sources untouched. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeedFacts } from '../../seed/load.js';
import { normaliseText } from '../../seed/normalise.js';

const SEED = path.resolve(import.meta.dirname, '../../seed');
const facts = readSeedFacts(SEED);
const docs = new Map(facts.documents.map((d) => [d.file, normaliseText(fs.readFileSync(path.join(SEED, 'sources', d.file), 'utf8'))]));

describe('seed facts', () => {
  it('has one document entry per source file', () => {
    expect([...docs.keys()].sort()).toEqual(fs.readdirSync(path.join(SEED, 'sources')).sort());
  });

  it('gives every entity but the reference chain, and every relation, at least one source', () => {
    expect(facts.entities.filter((e) => e.type !== 'ChainSegment' && e.sources.length === 0).map((e) => e.id)).toEqual([]);
    expect(facts.relations.filter((r) => r.sources.length === 0)).toEqual([]);
  });

  it('finds each quote verbatim in its normalised document', () => {
    const quotes = [...facts.entities, ...facts.relations].flatMap((f) => f.sources);
    expect(quotes.length).toBeGreaterThan(400);
    const missing = quotes.filter((s) => !docs.get(s.document)?.includes(s.quote));
    expect(missing).toEqual([]);
  });

  it('keeps page noise out: no fact quotes the ads, rankings or related-article sidebars', () => {
    const noise = ['文章排行榜', '葛毅明', '扫一扫', '东方财富APP', '瓦格纳', '松江物流产业园', 'G60松江信创产业园', '新桥名企产业园'];
    const quotes = [...facts.entities, ...facts.relations].flatMap((f) => f.sources.map((s) => s.quote));
    for (const n of noise) expect(quotes.filter((q) => q.includes(n))).toEqual([]);
    expect(facts.entities.map((e) => e.name).filter((n) => noise.some((x) => n.includes(x)))).toEqual([]);
  });

  it('marks every inferred relation with its reason', () => {
    expect(facts.relations.filter((r) => r.inferred && !r.reason)).toEqual([]);
  });

  it('keeps one entity per organisation across documents (诺斯清 in 000 and 002)', () => {
    const nsq = facts.entities.filter((e) => e.name.includes('诺斯清'));
    expect(nsq).toHaveLength(1);
    expect(new Set(nsq[0].sources.map((s) => s.document))).toEqual(new Set(['000_3c48ddf7edd2ec63.txt', '002_304d3e19cde8b306.txt']));
    const zj = facts.entities.find((e) => e.name === '上海之江生物医药科技有限公司')!;
    expect(zj.aliases).toContain('上海之江生物医药科技有限公司党支部');
  });
});
