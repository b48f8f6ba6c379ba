/**
 * npm run bench:report — merges every suite's latest figures (bench-results/<suite>.json) with the
 * run before (bench-results/previous/<suite>.json) into bench-results/report.json and one
 * self-contained page, bench-results/index.html (charts by Chart.js, inlined; works offline), and
 * prints one line per regression. writeSuiteResult (results.ts) calls renderReport after each suite,
 * so the page is always current; this script only redraws it.
 *
 * A regression is a figure worse than the previous run's by more than 20% in its `better` direction;
 * an improvement, better by more than 20%. Runs whose `scale` differs (say 5k vs 100k entities) are
 * shown side by side but not judged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderHtml } from './report-html.js';
import { RESULTS_DIR, targetMet, type Figure, type SuiteResult } from './results.js';

export const REGRESSION_THRESHOLD = 0.2;

export type DeltaStatus = 'regression' | 'improvement' | 'unchanged' | 'new' | 'not compared';

export interface FigureDelta extends Figure {
  suite: string;
  /** The previous run's value of the same figure (same suite, engine and name); null when it had none. */
  previous: number | null;
  /** (value − previous) / previous × 100; null without a previous value, or when it was 0. */
  deltaPct: number | null;
  status: DeltaStatus;
  /** Figure.target judged; null without a target. */
  met: boolean | null;
}

export interface SuiteReport {
  result: SuiteResult;
  previous: Pick<SuiteResult, 'startedAt' | 'finishedAt'> | null;
  /** Scale keys whose value changed since the previous run, as "key: old → new"; non-empty means not judged. */
  scaleChanges: string[];
}

export interface Report {
  generatedAt: string;
  threshold: number;
  suites: SuiteReport[];
  figures: FigureDelta[];
  regressions: FigureDelta[];
  improvements: FigureDelta[];
}

const key = (f: Pick<Figure, 'engine' | 'name'>) => `${f.engine ?? ''}\u0000${f.name}`;

/** Compares one figure with the previous run's; `judge` false reports the change without a verdict. */
export function compareFigure(
  suite: string,
  cur: Figure,
  prev: Figure | undefined,
  opts: { threshold?: number; judge?: boolean } = {},
): FigureDelta {
  const threshold = opts.threshold ?? REGRESSION_THRESHOLD;
  const base = { ...cur, suite, met: targetMet(cur) };
  if (!prev || !Number.isFinite(prev.value)) return { ...base, previous: null, deltaPct: null, status: 'new' };
  const p = prev.value;
  const v = cur.value;
  const deltaPct = p === 0 ? null : ((v - p) / Math.abs(p)) * 100;
  // How much worse, as a fraction of the previous value, in the figure's own direction.
  const worse = p === 0 ? (v === 0 ? 0 : Math.sign(v) * Infinity) : (v - p) / Math.abs(p);
  const signedWorse = cur.better === 'lower' ? worse : -worse;
  let status: DeltaStatus = 'unchanged';
  if (opts.judge === false) status = 'not compared';
  else if (signedWorse > threshold) status = 'regression';
  else if (signedWorse < -threshold) status = 'improvement';
  return { ...base, previous: p, deltaPct, status };
}

/** The scale keys that changed between two runs of a suite. */
export function scaleChanges(cur: SuiteResult, prev: SuiteResult | null): string[] {
  if (!prev || !cur.scale || !prev.scale) return [];
  const keys = [...new Set([...Object.keys(cur.scale), ...Object.keys(prev.scale)])];
  return keys
    .filter((k) => JSON.stringify(cur.scale![k] ?? null) !== JSON.stringify(prev.scale![k] ?? null))
    .map((k) => `${k}: ${JSON.stringify(prev.scale![k] ?? null)} → ${JSON.stringify(cur.scale![k] ?? null)}`);
}

export function compareSuite(cur: SuiteResult, prev: SuiteResult | null, threshold = REGRESSION_THRESHOLD): FigureDelta[] {
  const judge = scaleChanges(cur, prev).length === 0;
  const before = new Map((prev?.figures ?? []).map((f) => [key(f), f]));
  return cur.figures.map((f) => compareFigure(cur.suite, f, before.get(key(f)), { threshold, judge }));
}

/** Suites in a fixed order (the issue's: bench, http, web, writes), then any others by name. */
const ORDER = ['bench', 'http', 'web', 'writes'];
const rank = (s: string) => (ORDER.includes(s) ? ORDER.indexOf(s) : ORDER.length);

export function buildReport(current: SuiteResult[], previous: SuiteResult[], threshold = REGRESSION_THRESHOLD): Report {
  const prevBy = new Map(previous.map((p) => [p.suite, p]));
  const suites = [...current].sort((a, b) => rank(a.suite) - rank(b.suite) || a.suite.localeCompare(b.suite));
  const figures = suites.flatMap((s) => compareSuite(s, prevBy.get(s.suite) ?? null, threshold));
  return {
    generatedAt: new Date().toISOString(),
    threshold,
    suites: suites.map((result) => {
      const prev = prevBy.get(result.suite) ?? null;
      return {
        result,
        previous: prev && { startedAt: prev.startedAt, finishedAt: prev.finishedAt },
        scaleChanges: scaleChanges(result, prev),
      };
    }),
    figures,
    regressions: figures.filter((f) => f.status === 'regression'),
    improvements: figures.filter((f) => f.status === 'improvement'),
  };
}

/** Formats a figure's value with its unit, for the page and the terminal. */
export function formatValue(value: number | null, unit: Figure['unit']): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const n = (digits: number) => value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  switch (unit) {
    case 'ms':
      return Math.abs(value) >= 10_000
        ? `${(value / 1000).toFixed(1)} s`
        : `${n(Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2)} ms`;
    case 's':
      return `${n(Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2)} s`;
    case 'ratio':
      return `${n(2)}×`;
    case 'req/s':
      return `${n(0)} req/s`;
    case 'MB':
      return `${n(0)} MB`;
    case 'fps':
      return `${n(1)} fps`;
    case '%':
      return `${n(1)}%`;
    case 'count':
      return n(0);
  }
}

export const formatDelta = (d: FigureDelta): string =>
  d.deltaPct === null ? (d.previous === 0 && d.value !== 0 ? 'was 0' : '–') : `${d.deltaPct >= 0 ? '+' : ''}${d.deltaPct.toFixed(1)}%`;

const label = (f: FigureDelta) => `${f.suite} · ${f.name}${f.engine ? ` [${f.engine}]` : ''}`;

/** One line per regression (of one suite, or all), for the terminal. */
export function regressionLines(report: Report, suite?: string): string[] {
  return report.regressions
    .filter((f) => !suite || f.suite === suite)
    .map(
      (f) =>
        `REGRESSION ${label(f)}: ${formatValue(f.value, f.unit)} (was ${formatValue(f.previous, f.unit)}, ${formatDelta(f)}; ${f.better} is better)`,
    );
}

function readSuites(dir: string): SuiteResult[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'report.json')
    .flatMap((f) => {
      try {
        return [JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as SuiteResult];
      } catch {
        return []; // not a suite's result (or one being written by another bench this very moment)
      }
    })
    .filter((r) => typeof r.suite === 'string' && Array.isArray(r.figures));
}

/** Suites may finish at the same moment: a reader sees the old file or the new one, never half of one. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Reads the results in `dir`, writes report.json and index.html there; returns the report and the files. */
export function renderReport(dir = RESULTS_DIR): { report: Report; json: string; html: string } {
  const report = buildReport(readSuites(dir), readSuites(path.join(dir, 'previous')));
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'report.json');
  const html = path.join(dir, 'index.html');
  writeAtomically(json, `${JSON.stringify(report, null, 2)}\n`);
  writeAtomically(html, renderHtml(report));
  return { report, json, html };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { report, html } = renderReport();
  const rel = (f: string) => path.relative(process.cwd(), f);
  const targets = report.figures.filter((f) => f.met !== null);
  const missed = targets.filter((f) => f.met === false);
  const out = [
    report.suites.length === 0 ? `no suite results in ${rel(RESULTS_DIR)} yet: run npm run bench (or bench:http, bench:web)` : null,
    `${rel(html)}: ${report.suites.map((s) => s.result.suite).join(', ')}; ${targets.length - missed.length} of ${targets.length} targets met; ` +
      `${report.regressions.length} regression(s), ${report.improvements.length} improvement(s) over ${Math.round(report.threshold * 100)}%`,
    ...missed.map(
      (f) =>
        `MISSED ${label(f)}: ${formatValue(f.value, f.unit)} (target ${f.target!.op === '<=' ? '≤' : '≥'} ${formatValue(f.target!.value, f.unit)})`,
    ),
    ...regressionLines(report),
    ...report.suites
      .filter((x) => x.scaleChanges.length)
      .map((s) => `not judged: ${s.result.suite} ran at another scale than before (${s.scaleChanges.join(', ')})`),
  ];
  // One write, and a reader that stops early (| head) is not an error.
  process.stdout.on('error', () => undefined);
  process.stdout.write(`${out.filter((l) => l !== null).join('\n')}\n`);
}
