// Small statistics and formatting helpers for the benchmark report.
import { PerformanceObserver, performance } from 'node:perf_hooks';

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

/** The pauses of V8's garbage collector, added up by the side whose turn they fell in. A collection starts in
 *  whichever turn fills the young generation, so over many turns each side's share follows how much it allocates;
 *  timings that keep each file's fastest run leave the pauses out and cannot see that. */
export class Collections<Side extends string> {
  private readonly pauses: Array<{ start: number; duration: number }> = [];
  private readonly turns: Array<{ start: number; end: number; side: Side }> = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.pauses.push({ start: entry.startTime, duration: entry.duration });
  });

  constructor(private readonly sides: readonly Side[]) {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Runs one turn of `side`; returns its milliseconds. */
  turn(side: Side, body: () => void): number {
    const start = performance.now();
    body();
    const end = performance.now();
    this.turns.push({ start, end, side });
    return end - start;
  }

  /** Milliseconds of pauses inside each side's turns. Call after the event loop has turned (entries come then). */
  totals(): Record<Side, number> {
    this.observer.disconnect();
    const totals = Object.fromEntries(this.sides.map((side) => [side, 0])) as Record<Side, number>;
    // Turns are recorded in time order: a pause belongs to the last turn that started at or before it.
    for (const pause of this.pauses) {
      let low = 0;
      let high = this.turns.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (this.turns[middle].start <= pause.start) low = middle + 1;
        else high = middle;
      }
      const turn = this.turns[low - 1];
      if (turn && pause.start < turn.end) totals[turn.side] += pause.duration;
    }
    return totals;
  }
}
