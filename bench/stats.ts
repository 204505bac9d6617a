// Small statistics and formatting helpers for the benchmark report.

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** "1234 ms (1200–1300, n=5)": the median first, then the range the runs spread over. */
export function summary(values: readonly number[], unit: string, digits = 0): string {
  const f = (v: number) => v.toFixed(digits);
  if (values.length === 1) return `${f(values[0])} ${unit} (n=1)`;
  return `${f(median(values))} ${unit} (${f(Math.min(...values))}–${f(Math.max(...values))}, n=${values.length})`;
}

/** Milliseconds elapsed while `body` runs. */
export function timed(body: () => void): number {
  const start = process.hrtime.bigint();
  body();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function timedAsync(body: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await body();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
