/**
 * The curated facts against their sources, beyond what the loader checks (schema, references,
 * verbatim quotes, a source on every fact): every document described, page noise left out, one
 * entity per organisation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeedFacts } from '../../seed/load.js';

const SEED = path.resolve(import.meta.dirname, '../../seed');
const facts = readSeedFacts(SEED);

describe('seed facts', () => {
  it('has one document entry per source file', () => {
    expect(facts.documents.map((d) => d.file).sort()).toEqual(fs.readdirSync(path.join(SEED, 'sources')).sort());
  });

  it('keeps page noise out: no fact quotes the ads, rankings or related-article sidebars', () => {
    const noise = ['文章排行榜', '葛毅明', '扫一扫', '东方财富APP', '瓦格纳', '松江物流产业园', 'G60松江信创产业园', '新桥名企产业园'];
    const quotes = [...facts.entities, ...facts.relations].flatMap((f) => f.sources.map((s) => s.quote));
    for (const n of noise) expect(quotes.filter((q) => q.includes(n))).toEqual([]);
    expect(facts.entities.map((e) => e.name).filter((n) => noise.some((x) => n.includes(x)))).toEqual([]);
  });

  it('keeps one entity per organisation across documents (诺斯清 in 000 and 002)', () => {
    const nsq = facts.entities.filter((e) => e.name.includes('诺斯清'));
    expect(nsq).toHaveLength(1);
    expect(new Set(nsq[0].sources.map((s) => s.document))).toEqual(new Set(['000_3c48ddf7edd2ec63.txt', '002_304d3e19cde8b306.txt']));
    const zj = facts.entities.find((e) => e.name === '上海之江生物医药科技有限公司')!;
    expect(zj.aliases).toContain('上海之江生物医药科技有限公司党支部');
  });
});
