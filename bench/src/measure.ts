// Shared helpers of the benchmarks: timing, percentiles, peak RSS, result files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One row of a benchmark table: a measured quantity for the adapter and for the raw driver. */
export interface BenchRow {
  metric: string;
  unit: string;
  adapter: number;
  raw: number;
  /** adapter / raw for throughputs, raw / adapter for latencies: > 1 means the adapter is faster. */
  ratio: number;
  /** The threshold the issue sets for `ratio`, if any. */
  target?: number;
  note?: string;
}

/** What a scenario returns. */
export interface BenchResult {
  rows: BenchRow[];
  extra?: Record<string, unknown>;
}

/** A benchmark scenario: `pnpm bench <name-filter>` runs the ones whose name matches. */
export interface Scenario {
  name: string;
  run(): Promise<BenchResult>;
}

/** Milliseconds since an arbitrary origin, high resolution. */
export const now = (): number => performance.now();

/** Percentile of a sample (p in 0..100), nearest-rank. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? Number.NaN;
}

/** Row for a throughput (higher is better): ratio = adapter / raw. */
export function throughputRow(
  metric: string,
  unit: string,
  adapter: number,
  raw: number,
  target?: number,
): BenchRow {
  return { metric, unit, adapter, raw, ratio: adapter / raw, ...(target === undefined ? {} : { target }) };
}

/** Row for a latency (lower is better): ratio = adapter / raw (≤ target is good). */
export function latencyRow(
  metric: string,
  unit: string,
  adapter: number,
  raw: number,
  target?: number,
): BenchRow {
  return { metric, unit, adapter, raw, ratio: adapter / raw, ...(target === undefined ? {} : { target }) };
}

/** Samples this process's RSS every 20 ms while `fn` runs; returns fn's result and the peak in bytes. */
export async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakRss: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
}

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Writes a scenario's result to bench/results/<name>.json. */
export function saveResult(name: string, result: BenchResult): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name.replace(/[^a-z0-9-]+/gi, '_')}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ name, at: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`,
  );
  return file;
}

/** Prints a result as an aligned table. */
export function printResult(name: string, result: BenchResult): void {
  console.log(`\n## ${name}`);
  const header = ['metric', 'unit', 'adapter', 'raw', 'ratio', 'target'];
  const lines = result.rows.map((r) => [
    r.metric,
    r.unit,
    fmt(r.adapter),
    fmt(r.raw),
    r.ratio.toFixed(3),
    r.target === undefined ? '' : String(r.target),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(row(header));
  for (const l of lines) console.log(row(l));
  if (result.extra) console.log(JSON.stringify(result.extra));
}

function fmt(n: number): string {
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(4);
}
