import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport, compareFigure, compareSuite, regressionLines, renderReport } from '../../bench/report.js';
import { writeSuiteResult, type Figure, type SuiteResult } from '../../bench/results.js';

const fig = (value: number, over: Partial<Figure> = {}): Figure => ({
  name: 'gaps · graphql p99',
  group: 'latency',
  engine: 'embedded',
  unit: 'ms',
  value,
  better: 'lower',
  ...over,
});

const suite = (figures: Figure[], over: Partial<SuiteResult> = {}): SuiteResult => ({
  suite: 'bench',
  startedAt: '2026-12-01T03:00:00.000Z',
  finishedAt: '2026-12-01T03:04:00.000Z',
  machine: { cpus: 2, totalMemMb: 23_000, node: 'v20', loadAvg: [1, 1, 1] },
  params: { entities: 5000 },
  figures,
  series: [],
  ...over,
});

describe('bench report: comparison with the previous run', () => {
  it('flags a figure 25% worse as a regression, and not one 15% worse', () => {
    expect(compareFigure('bench', fig(125), fig(100)).status).toBe('regression');
    expect(compareFigure('bench', fig(115), fig(100)).status).toBe('unchanged');
    expect(compareFigure('bench', fig(125), fig(100)).deltaPct).toBeCloseTo(25);
  });

  it('respects the direction: for "higher is better" a drop is the regression and a rise the improvement', () => {
    const rps = (v: number) => fig(v, { name: 'mix req/s', unit: 'req/s', better: 'higher' });
    expect(compareFigure('http', rps(75), rps(100)).status).toBe('regression');
    expect(compareFigure('http', rps(85), rps(100)).status).toBe('unchanged');
    expect(compareFigure('http', rps(130), rps(100)).status).toBe('improvement');
    expect(compareFigure('bench', fig(70), fig(100)).status).toBe('improvement');
  });

  it('handles a missing previous run, a figure new in this run, and a previous value of 0', () => {
    expect(compareSuite(suite([fig(100)]), null)[0]).toMatchObject({ status: 'new', previous: null, deltaPct: null });
    const other = fig(100, { name: 'partners · graphql p99' });
    expect(compareSuite(suite([fig(100), other]), suite([fig(100)]))[1].status).toBe('new');
    const errors = (v: number) => fig(v, { name: 'errors', unit: 'count' });
    expect(compareFigure('http', errors(3), errors(0))).toMatchObject({ status: 'regression', deltaPct: null });
    expect(compareFigure('http', errors(0), errors(0)).status).toBe('unchanged');
  });

  it('matches figures by engine as well as name', () => {
    const deltas = compareSuite(suite([fig(100), fig(300, { engine: 'neo4j' })]), suite([fig(300), fig(100, { engine: 'neo4j' })]));
    expect(deltas.map((d) => [d.engine, d.status])).toEqual([
      ['embedded', 'improvement'],
      ['neo4j', 'regression'],
    ]);
  });

  it('does not judge runs at another scale (a 5k run is not a slower 100k run)', () => {
    const cur = suite([fig(500)], { scale: { entities: 100_000 } });
    const prev = suite([fig(100)], { scale: { entities: 5000 } });
    const report = buildReport([cur], [prev]);
    expect(report.figures[0].status).toBe('not compared');
    expect(report.regressions).toEqual([]);
    expect(report.suites[0].scaleChanges).toEqual(['entities: 5000 → 100000']);
  });

  it('prints one line per regression, and judges targets', () => {
    const report = buildReport(
      [suite([fig(250, { target: { op: '<=', value: 200 } }), fig(10, { name: 'search · graphql p99', target: { op: '<=', value: 20 } })])],
      [suite([fig(150), fig(10, { name: 'search · graphql p99' })])],
    );
    expect(report.figures.map((f) => f.met)).toEqual([false, true]);
    const lines = regressionLines(report);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('gaps · graphql p99 [embedded]');
    expect(lines[0]).toContain('+66.7%');
  });
});

describe('bench report: files', () => {
  let dir = '';
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes report.json and a self-contained index.html with every figure from two runs of a suite', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
    const throughput = (v: number) => fig(v, { name: 'mix req/s · seed', group: 'throughput', unit: 'req/s', better: 'higher' });
    writeSuiteResult(suite([fig(150), throughput(400)]), dir);
    writeSuiteResult(
      suite([fig(250, { target: { op: '<=', value: 200 }, note: 'issue 14 target' }), throughput(420)], {
        series: [
          {
            name: 'RSS · seed',
            group: 'memory',
            engine: 'embedded',
            unit: 'MB',
            points: [
              [0, 300],
              [1, 310],
            ],
          },
        ],
      }),
      dir,
    );
    const { report, html } = renderReport(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'))).toMatchObject({
      regressions: [{ suite: 'bench', name: 'gaps · graphql p99', previous: 150, value: 250 }],
    });
    expect(report.figures.find((f) => f.name === 'mix req/s · seed')?.status).toBe('unchanged');
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain('Targets: 0 of 1 met');
    expect(page).toContain('gaps · graphql p99');
    expect(page).toContain('250 ms');
    expect(page).toContain('≤ 200 ms');
    expect(page).toContain('mix req/s · seed');
    expect(page).toContain('1 regression(s)');
    expect(page).toContain('+66.7%');
    // Offline: the chart library is inlined, nothing is fetched.
    expect(page).not.toMatch(/<script[^>]+src=/);
    expect(page).not.toMatch(/https?:\/\/cdn/);
    expect(page).toContain('new Chart(');
  });
});
