/** Shared by the benchmarks: medians, percentiles, and the result each one hands to `npm run bench`. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** The line `scripts/bench.mjs` reads: the rows for the one table, and the numbers for bench-results.json. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

export function report(rows: Array<[string, string | number]>, result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ rows: rows.map(([name, value]) => [name, String(value)]), result })}\n`);
}

/** Progress for the person waiting (stderr, so it never mixes with the result). */
export function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

export function fail(error: unknown): never {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
}
