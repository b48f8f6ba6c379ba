/**
 * Where every bench script puts its figures: `bench-results/<suite>.json` (the latest run of that
 * suite; the run before it moves to `bench-results/previous/<suite>.json`). The report
 * (bench/report.ts) reads these files, draws the charts and compares each figure with the previous run.
 * Nothing here asserts: figures carry their target so the report can say met / missed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { regressionLines, renderReport } from './report.js';

export const RESULTS_DIR = path.resolve(import.meta.dirname, '..', 'bench-results');

export type Unit = 'ms' | 'req/s' | 'MB' | 'fps' | 's' | 'ratio' | 'count' | '%';

export interface Figure {
  /** What was measured, e.g. "search p99" or "mix · seed"; unique within a suite and engine. */
  name: string;
  /** A chart groups figures by this, e.g. "latency", "throughput", "memory". */
  group: string;
  /** 'embedded' | 'neo4j' | 'hello-world' | 'chromium' …; absent when it does not apply. */
  engine?: string;
  unit: Unit;
  value: number;
  /** Which direction is an improvement (a regression is a > 20% move the other way). */
  better: 'lower' | 'higher';
  target?: { op: '<=' | '>='; value: number };
  /** One sentence a reader needs to understand the figure. */
  note?: string;
}

/** A figure over time, e.g. RSS during the load run: points are [seconds since start, value]. */
export interface Series {
  name: string;
  group: string;
  engine?: string;
  unit: Unit;
  points: [number, number][];
}

export interface SuiteResult {
  suite: string;
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; totalMemMb: number; node: string; loadAvg: number[] };
  /** The options the suite ran with (sizes, durations, connections …). */
  params: Record<string, unknown>;
  /**
   * Optional: the options that make two runs comparable (e.g. graph size and seed). When the previous
   * run's differ, the report shows the changes but flags no regression (a 5k run is not a slower 100k run).
   */
  scale?: Record<string, string | number | boolean | null>;
  figures: Figure[];
  series: Series[];
}

export function machine(): SuiteResult['machine'] {
  return { cpus: os.cpus().length, totalMemMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, loadAvg: os.loadavg() };
}

export function targetMet(f: Figure): boolean | null {
  if (!f.target) return null;
  return f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value;
}

/** What a suite hands writeSuiteResult: when it finished and the machine are filled in unless given. */
export type SuiteRun = Omit<SuiteResult, 'finishedAt' | 'machine'> & Partial<Pick<SuiteResult, 'finishedAt' | 'machine'>>;

/**
 * Saves a suite's result as the latest (finished now, on this machine, unless the run says
 * otherwise), keeping the one before it as previous, then refreshes the report (report.json,
 * index.html) and prints this suite's regressions to stderr (not for another `dir`, e.g. a test's:
 * tests run quiet); returns the file written.
 */
export function writeSuiteResult(run: SuiteRun, dir = RESULTS_DIR): string {
  const { suite, startedAt, finishedAt = new Date().toISOString(), machine: on = machine(), ...rest } = run;
  const result: SuiteResult = { suite, startedAt, finishedAt, machine: on, ...rest };
  const file = path.join(dir, `${result.suite}.json`);
  fs.mkdirSync(path.join(dir, 'previous'), { recursive: true });
  if (fs.existsSync(file)) fs.renameSync(file, path.join(dir, 'previous', `${result.suite}.json`));
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  const say = (line: string) => {
    if (dir === RESULTS_DIR) process.stderr.write(`[${result.suite}] ${line}\n`);
  };
  try {
    const { report, html } = renderReport(dir);
    const lines = regressionLines(report, result.suite);
    say(
      `report: ${path.relative(process.cwd(), html)}; ${lines.length ? `${lines.length} regression(s)` : 'no regression'} against the previous run`,
    );
    for (const line of lines) say(line);
  } catch (err) {
    // The figures are saved; a report that fails to render must not fail the bench.
    say(`report not refreshed: ${err instanceof Error ? err.message : String(err)}`);
  }
  return file;
}
