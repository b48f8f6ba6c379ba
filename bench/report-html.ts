/**
 * The bench report as one self-contained HTML page: summary of targets, regressions, charts (Chart.js
 * UMD inlined from node_modules, so it works offline) and every figure against the previous run.
 * Chart configurations are plain JSON built here; the page's script only hands them to Chart.js.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Figure, Series, SuiteResult, Unit } from './results.js';
import { formatDelta, formatValue, type FigureDelta, type Report } from './report.js';

export interface ChartSpec {
  id: string;
  title: string;
  note?: string;
  unit: Unit;
  /** Canvas height in px (wide horizontal bar charts need more). */
  height: number;
  /** The axis that carries values: 'x' for horizontal bars, else 'y'. */
  valueAxis: 'x' | 'y';
  /** One of the charts the issue asks for (latency, throughput, memory over the load run, canvas): shown first, full width. */
  primary: boolean;
  config: Record<string, unknown>;
}

const UNIT_WORDS: Record<Unit, string> = {
  ms: 'ms',
  'req/s': 'requests/s',
  MB: 'MB',
  fps: 'frames/s',
  s: 's',
  ratio: '×',
  count: 'count',
  '%': '%',
};

const ENGINE_COLOURS: Record<string, string> = {
  embedded: '#1f6fb4',
  neo4j: '#2e9e44',
  'hello-world': '#8a8a8a',
  chromium: '#8e5bc4',
};
const EXTRA_COLOURS = ['#d9822b', '#17a2b8', '#b8860b', '#6c757d', '#e377c2'];
/** Figures of the whole run rather than of one engine. */
const NO_ENGINE = '#d9822b';
const TARGET = '#c23b3b';

function colour(engine: string | undefined, i: number): string {
  if (engine === undefined) return NO_ENGINE;
  return ENGINE_COLOURS[engine] ?? EXTRA_COLOURS[i % EXTRA_COLOURS.length];
}

/** #rrggbb with an alpha, for the lighter p50 bar beside its p99. */
function alpha(hex: string, a: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/** Titles for the charts the issue asks for; others are named "<suite> · <group>". */
const TITLES: Record<string, string> = {
  'http/memory/series': 'Memory over the load run (server RSS, MB)',
  'bench/latency/ms': 'Latency by case and engine (in-process, ms; lighter bar p50, darker p99)',
  'http/throughput/req/s': 'Throughput vs the hello-world graphql-yoga baseline (requests/s, 64 connections)',
  'http/throughput/ratio': 'Throughput as a share of hello-world (ratio; target ≥ 0.30)',
  'http/latency/ms': 'HTTP latency under load (ms)',
  'http/memory/MB': 'Server RSS during the load runs (MB)',
  'bench/memory/MB': 'Bench process RSS (MB)',
  'bench/ratio/ratio': 'GraphQL layer over the same reads sent as raw Cypher (ratio ×, p50 / p99)',
  'bench/load/s': 'Bulk load and the engine’s own COPY of the same files (s)',
  'bench/load/ratio': 'Bulk load / raw COPY (ratio ×)',
  'bench/load/MB': 'Load files and database on disk (MB)',
  'bench/import/ms': 'Import of 10,000 rows, step by step (ms)',
  'web/canvas/ms': 'Browser canvas: draw + layout time (ms)',
  'web/canvas/fps': 'Browser canvas: pan / zoom frame rate (frames/s)',
};

const PERCENTILE = /\s*\b(p50|p90|p99)\b/;

/** Log scale when the values span more than two orders of magnitude. */
function scaleFor(values: number[], title: string): Record<string, unknown> {
  const pos = values.filter((v) => v > 0);
  const log = pos.length > 1 && Math.max(...pos) / Math.min(...pos) > 100;
  return {
    type: log ? 'logarithmic' : 'linear',
    beginAtZero: !log,
    // Head room above the highest bar, so a target mark at the top is not cut off.
    ...(log ? {} : { grace: '8%' }),
    title: { display: true, text: `${title}${log ? ' — log scale' : ''}` },
  };
}

/** Groups of one suite's figures by group and unit, in the order they first appear. */
function byGroupUnit(figures: Figure[]): Map<string, Figure[]> {
  const out = new Map<string, Figure[]>();
  for (const f of figures) {
    const k = `${f.group}/${f.unit}`;
    out.set(k, [...(out.get(k) ?? []), f]);
  }
  return out;
}

/** A dataset of short red marks at each category's target (null: none). */
function targetMarks(targets: (number | null)[], radius: number): Record<string, unknown> {
  return {
    type: 'line',
    label: 'target',
    data: targets,
    showLine: false,
    pointStyle: 'line',
    pointRadius: radius,
    pointBorderWidth: 3,
    borderColor: TARGET,
    backgroundColor: TARGET,
  };
}

/** A chart before chartSpecs places it: its id and whether it is one of the issue's come from where it lands. */
type Chart = Omit<ChartSpec, 'id' | 'primary'>;

/** Percentile figures ("search · graphql p99"): one bar per case, one dataset per engine and percentile. */
function percentileChart(title: string, figures: Figure[]): Chart {
  const unit = figures[0].unit;
  const caseOf = (f: Figure) => f.name.replace(PERCENTILE, '').trim();
  const statOf = (f: Figure) => PERCENTILE.exec(f.name)![1];
  const labels = [...new Set(figures.map(caseOf))];
  const engines = [...new Set(figures.map((f) => f.engine))];
  const stats = [...new Set(figures.map(statOf))];
  const datasets: Record<string, unknown>[] = [];
  engines.forEach((engine, ei) => {
    stats.forEach((stat, si) => {
      const c = colour(engine, ei);
      const data = labels.map((l) => figures.find((f) => f.engine === engine && caseOf(f) === l && statOf(f) === stat)?.value ?? null);
      if (data.every((v) => v === null)) return;
      datasets.push({
        type: 'bar',
        label: `${engine ?? ''} ${stat}`.trim(),
        data,
        backgroundColor: si === stats.length - 1 ? c : alpha(c, 0.45),
      });
    });
  });
  // A target marker per case that has one (the first engine's target for that case and percentile).
  const targets = labels.map((l) => {
    const t = figures.filter((f) => caseOf(f) === l && f.target);
    return t.length ? Math.min(...t.map((f) => f.target!.value)) : null;
  });
  if (targets.some((t) => t !== null)) {
    datasets.push(targetMarks(targets, 12));
  }
  const horizontal = labels.length > 6;
  const values = [...figures.map((f) => f.value), ...targets.filter((t): t is number => t !== null)];
  return {
    title,
    unit,
    valueAxis: horizontal ? 'x' : 'y',
    height: horizontal ? Math.max(260, labels.length * (datasets.length * 7 + 14) + 90) : 360,
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        scales: { [horizontal ? 'x' : 'y']: scaleFor(values, UNIT_WORDS[unit]) },
      },
    },
  };
}

/** Other figures: one bar per figure name, one dataset per engine, target markers where set. */
function barChart(title: string, figures: Figure[]): Chart {
  const unit = figures[0].unit;
  const labels = [...new Set(figures.map((f) => f.name))];
  const engines = [...new Set(figures.map((f) => f.engine))];
  const datasets: Record<string, unknown>[] = engines.map((engine, i) => ({
    type: 'bar',
    label: engine ?? 'whole run',
    data: labels.map((l) => figures.find((f) => f.engine === engine && f.name === l)?.value ?? null),
    backgroundColor: colour(engine, i),
  }));
  const targets = labels.map((l) => figures.find((f) => f.name === l && f.target)?.target?.value ?? null);
  if (targets.some((t) => t !== null)) {
    datasets.push(targetMarks(targets, 14));
  }
  const values = [...figures.map((f) => f.value), ...targets.filter((t): t is number => t !== null)];
  return {
    title,
    unit,
    valueAxis: 'y',
    height: 300,
    config: { type: 'bar', data: { labels, datasets }, options: { scales: { y: scaleFor(values, UNIT_WORDS[unit]) } } },
  };
}

/** Series of one group and unit: one line each, x in seconds since the start of the run. */
function lineChart(title: string, series: Series[]): Chart {
  const unit = series[0].unit;
  // One engine's colour when it has one line; several lines of one engine get distinct colours.
  const lineColour = (s: Series, i: number) =>
    series.filter((o) => o.engine === s.engine).length > 1
      ? [...Object.values(ENGINE_COLOURS), ...EXTRA_COLOURS][i % 9]
      : colour(s.engine, i);
  return {
    title,
    unit,
    valueAxis: 'y',
    height: 300,
    config: {
      type: 'line',
      data: {
        datasets: series.map((s, i) => ({
          label: `${s.name}${s.engine && !s.name.includes(s.engine) ? ` [${s.engine}]` : ''}`,
          data: s.points.map(([x, y]) => ({ x, y })),
          borderColor: lineColour(s, i),
          backgroundColor: lineColour(s, i),
          pointRadius: 0,
          borderWidth: 2,
        })),
      },
      options: {
        scales: {
          x: { type: 'linear', min: 0, title: { display: true, text: 'seconds since the start of the run' } },
          y: { ...scaleFor([], UNIT_WORDS[unit]), beginAtZero: true },
        },
      },
    },
  };
}

/** The charts the issue asks for, by suite/group/unit (or suite/group/series): first and full width. */
const PRIMARY = [
  'bench/latency/ms',
  'http/throughput/req/s',
  'http/throughput/ratio',
  'http/memory/series',
  'web/canvas/ms',
  'web/canvas/fps',
  'http/latency/ms',
];

/** Every chart of the report: per suite, one per figure group and unit, then its series; the issue's charts first. */
export function chartSpecs(suites: SuiteResult[]): ChartSpec[] {
  const out: (Chart & { key: string })[] = [];
  for (const s of suites) {
    for (const [gu, figures] of byGroupUnit(s.figures)) {
      const key = `${s.suite}/${gu}`;
      const title = TITLES[key] ?? `${s.suite} · ${figures[0].group} (${UNIT_WORDS[figures[0].unit]})`;
      const spec = figures.every((f) => PERCENTILE.test(f.name)) ? percentileChart(title, figures) : barChart(title, figures);
      out.push({ ...spec, key });
    }
    const seriesGroups = new Map<string, Series[]>();
    for (const x of s.series.filter((y) => y.points.length > 0)) {
      const gu = `${x.group}/${x.unit}`;
      seriesGroups.set(gu, [...(seriesGroups.get(gu) ?? []), x]);
    }
    for (const series of seriesGroups.values()) {
      const key = `${s.suite}/${series[0].group}/series`;
      const title = TITLES[key] ?? `${s.suite} · ${series[0].group} over time (${UNIT_WORDS[series[0].unit]})`;
      out.push({ ...lineChart(title, series), key });
    }
  }
  const rankOf = (k: string) => (PRIMARY.includes(k) ? PRIMARY.indexOf(k) : PRIMARY.length);
  return out
    .filter((c) => (c.config.data as { datasets: unknown[] }).datasets.length > 0)
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rankOf(a.c.key) - rankOf(b.c.key) || a.i - b.i)
    .map(({ c: { key, ...c } }, i) => ({
      ...c,
      id: `chart-${i}`,
      primary: PRIMARY.includes(key),
      height: PRIMARY.includes(key) ? Math.max(c.height, 340) : Math.min(c.height, 260),
    }));
}

function chartJsSource(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve('chart.js');
    const umd = path.join(path.dirname(main), 'chart.umd.min.js');
    return fs.readFileSync(fs.existsSync(umd) ? umd : path.join(path.dirname(main), 'chart.umd.js'), 'utf8');
  } catch {
    return null;
  }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** JSON inside a <script> element: no "</script" or "<!--" can end it early. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

const STATUS_WORDS: Record<FigureDelta['status'], string> = {
  regression: 'regression',
  improvement: 'improvement',
  unchanged: 'within ±20%',
  new: 'new (no previous value)',
  'not compared': 'not judged (scale changed)',
};

function targetCell(f: FigureDelta): string {
  return f.target ? `${f.target.op === '<=' ? '≤' : '≥'} ${esc(formatValue(f.target.value, f.unit))}` : '';
}

function metCell(f: FigureDelta): string {
  return f.met === null ? '' : f.met ? '<span class="met">✓ met</span>' : '<span class="missed">✗ missed</span>';
}

function deltaCell(f: FigureDelta): string {
  return `<span class="${f.status.replace(' ', '-')}" title="${esc(STATUS_WORDS[f.status])}">${esc(formatDelta(f))}</span>`;
}

function suiteHeader(s: Report['suites'][number]): string {
  const r = s.result;
  const mins = (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 60_000;
  const params = Object.entries(r.params)
    .filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v) || Array.isArray(v))
    .map(([k, v]) => `${esc(k)}=${esc(Array.isArray(v) ? v.join(',') : String(v))}`)
    .join(' · ');
  return `<div class="suite"><h3>${esc(r.suite)}</h3>
<p>ran ${esc(r.startedAt.replace('T', ' ').slice(0, 19))} UTC for ${mins.toFixed(1)} min on ${r.machine.cpus} CPU / ${(r.machine.totalMemMb / 1024).toFixed(0)} GB, node ${esc(r.machine.node)}, load average ${r.machine.loadAvg.map((x) => x.toFixed(1)).join(' / ')}</p>
<p class="params">${params}</p>
<p>${s.previous ? `compared with the run of ${esc(s.previous.startedAt.replace('T', ' ').slice(0, 19))} UTC` : 'no previous run to compare with'}</p>
${s.scaleChanges.length ? `<p class="warn">Not judged for regressions: this run's scale differs from the previous one (${esc(s.scaleChanges.join('; '))}).</p>` : ''}</div>`;
}

function figureRow(f: FigureDelta, withSuite: boolean): string {
  return `<tr class="${f.status.replace(' ', '-')}-row">${withSuite ? `<td>${esc(f.suite)}</td>` : ''}<td>${esc(f.group)}</td><td title="${esc(f.note ?? '')}">${esc(f.name)}${f.note ? ' <span class="info">ⓘ</span>' : ''}</td><td>${esc(f.engine ?? '')}</td>
<td class="num">${esc(formatValue(f.value, f.unit))}</td><td class="num">${targetCell(f)}</td><td>${metCell(f)}</td><td class="num">${esc(formatValue(f.previous, f.unit))}</td><td class="num">${deltaCell(f)}</td><td>${esc(f.better)} is better</td></tr>`;
}

const HEAD = (withSuite: boolean) =>
  `<tr>${withSuite ? '<th>suite</th>' : ''}<th>group</th><th>figure</th><th>engine</th><th>value</th><th>target</th><th>met?</th><th>previous run</th><th>Δ</th><th>direction</th></tr>`;

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 1280px; padding: 0 16px; color: #1d2329; }
h1 { font-size: 24px; margin-bottom: 4px; } h2 { margin-top: 36px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; } h3 { margin: 0 0 4px; }
.sub { color: #57606a; margin-top: 0; }
.suites { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 12px; }
.suite { border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 14px; } .suite p { margin: 2px 0; color: #424a53; } .params { font-family: ui-monospace, monospace; font-size: 12px; }
.warn { color: #9a6700 !important; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #e6e9ed; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; position: sticky; top: 0; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.met { color: #1a7f37; font-weight: 600; } .missed { color: #cf222e; font-weight: 600; }
.regression { color: #cf222e; font-weight: 600; } .improvement { color: #1a7f37; font-weight: 600; } .not-compared, .new { color: #6e7781; }
tr.regression-row { background: #fff0f0; } tr.improvement-row { background: #f0fff4; }
.box { border-radius: 6px; padding: 10px 14px; margin: 12px 0; } .box.bad { background: #fff0f0; border: 1px solid #ffb3b3; } .box.good { background: #f0fff4; border: 1px solid #a6e3b5; }
.box ul { margin: 4px 0; padding-left: 20px; }
.charts { display: grid; grid-template-columns: 1fr; gap: 28px; } .charts.two { grid-template-columns: 1fr 1fr; gap: 20px 28px; } .chart h3 { font-size: 15px; } .chart .canvas { position: relative; }
.info { color: #6e7781; cursor: help; } .legend { color: #57606a; font-size: 13px; }
`;

const CLIENT = `
const specs = JSON.parse(document.getElementById('chart-data').textContent);
const fmt = (v) => (v >= 100 ? Math.round(v).toLocaleString('en') : v >= 10 ? v.toFixed(1) : v.toFixed(2));
// Log axes: label only 1, 2 and 5 times a power of ten.
const logTick = (v) => {
  const m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
  return [1, 2, 5].some((x) => Math.abs(m - x) < 1e-6) ? Number(v.toPrecision(3)).toLocaleString('en') : '';
};
Chart.defaults.font.size = 13;
for (const s of specs) {
  const o = s.config.options;
  for (const axis of Object.values(o.scales || {})) {
    if (axis.type === 'logarithmic') axis.ticks = { autoSkip: false, maxRotation: 0, callback: logTick };
  }
  o.responsive = true; o.maintainAspectRatio = false; o.animation = false;
  o.plugins = { legend: { position: 'top' }, tooltip: { callbacks: { label: (c) => c.dataset.label + ': ' + fmt(c.parsed[s.valueAxis]) + ' ' + s.unit } } };
  new Chart(document.getElementById(s.id), s.config);
}
`;

/** At what size each suite ran: a target is meant for a size (its ⓘ note says which), a small run only shows the way. */
function scaleLine(report: Report): string {
  const scaled = report.suites.filter((s) => s.result.scale);
  if (!scaled.length) return '';
  const words = scaled.map(
    (s) =>
      `${esc(s.result.suite)} at ${Object.entries(s.result.scale!)
        .map(([k, v]) => `${esc(k)} ${typeof v === 'number' ? v.toLocaleString('en') : esc(String(v))}`)
        .join(', ')}`,
  );
  return `<p class="legend">This run: ${words.join('; ')}. A target's note (ⓘ, hover) says at what size it is meant.</p>`;
}

const chartBox = (c: ChartSpec) =>
  `<div class="chart"><h3>${esc(c.title)}</h3><div class="canvas" style="height:${c.height}px"><canvas id="${c.id}" role="img" aria-label="${esc(c.title)}"></canvas></div></div>`;

export function renderHtml(report: Report): string {
  const suites = report.suites.map((s) => s.result);
  const charts = chartSpecs(suites);
  const chartJs = chartJsSource();
  const targets = report.figures.filter((f) => f.met !== null);
  const missed = targets.filter((f) => f.met === false);
  const pct = Math.round(report.threshold * 100);
  const list = (figures: FigureDelta[]) =>
    `<ul>${figures.map((f) => `<li><b>${esc(f.suite)} · ${esc(f.name)}</b>${f.engine ? ` [${esc(f.engine)}]` : ''}: ${esc(formatValue(f.value, f.unit))}, was ${esc(formatValue(f.previous, f.unit))} (${esc(formatDelta(f))}; ${f.better} is better)</li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>bioeco bench report — ${esc(report.generatedAt.slice(0, 16).replace('T', ' '))} UTC</title>
<style>${CSS}</style></head>
<body>
<h1>bioeco bench report</h1>
<p class="sub">Generated ${esc(report.generatedAt.replace('T', ' ').slice(0, 19))} UTC from bench-results/*.json (the latest run of each suite) and bench-results/previous/*.json (the run before). Suites: ${suites.map((s) => esc(s.suite)).join(', ') || 'none yet'}.</p>
<div class="suites">${report.suites.map(suiteHeader).join('\n')}</div>

<h2>Targets: ${targets.length - missed.length} of ${targets.length} met</h2>
${scaleLine(report)}
${
  targets.length
    ? `<table><thead>${HEAD(true)}</thead><tbody>${targets.map((f) => figureRow(f, true)).join('\n')}</tbody></table>`
    : '<p>No figure with a target yet.</p>'
}

<h2>Against the previous run</h2>
${
  report.regressions.length
    ? `<div class="box bad"><b>${report.regressions.length} regression(s)</b> — worse than the previous run by more than ${pct}%:${list(report.regressions)}</div>`
    : `<div class="box good">No regression: no figure is worse than the previous run by more than ${pct}%.</div>`
}
${report.improvements.length ? `<details class="box good"><summary><b>${report.improvements.length} improvement(s)</b> — better by more than ${pct}% (open for the list)</summary>${list(report.improvements)}</details>` : ''}

<h2>Charts</h2>
<p class="legend">Hover a bar for its value; a red dash marks a figure's target. Timings on a shared 2-core machine are noisy: compare ratios measured in one run.</p>
${
  chartJs
    ? `<div class="charts">${charts
        .filter((c) => c.primary)
        .map(chartBox)
        .join('\n')}</div>
<h3>Other figures</h3><div class="charts two">${charts
        .filter((c) => !c.primary)
        .map(chartBox)
        .join('\n')}</div>`
    : '<p class="warn">Charts need chart.js in node_modules (npm install); the tables below have every figure.</p>'
}

<h2>Every figure</h2>
${report.suites
  .map(
    (s) =>
      `<h3>${esc(s.result.suite)}</h3><table><thead>${HEAD(false)}</thead><tbody>${report.figures
        .filter((f) => f.suite === s.result.suite)
        .map((f) => figureRow(f, false))
        .join('\n')}</tbody></table>`,
  )
  .join('\n')}
<script type="application/json" id="chart-data">${scriptJson(chartJs ? charts : [])}</script>
${chartJs ? `<script>${chartJs.replace(/<\/script/gi, '<\\/script')}</script>\n<script>${CLIENT}</script>` : ''}
</body></html>
`;
}
