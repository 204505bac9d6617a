// Runs the per-file checks on the idle cores: this thread checks files too, and worker threads take the rest. Threads
// claim files a few at a time from a counter they share (a thread parses the files it claimed together, see
// FileChecker.checkBatch), so a thread that drew short files simply takes more of them and all finish together, with
// no message round trip between one file and the next.
import { existsSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createParser } from '../parse/parser';
import { failedReport, FileChecker, RUN_FILES, type CheckSettings, type FileJob, type FileReport } from './engine';

/** Below this many files, one thread finishes before a worker would have started (loading the bundle and the parser
 *  costs a worker some 60 ms). */
const POOL_MIN_FILES = 48;
/** Each worker should get at least this many files to pay for its start. */
const FILES_PER_WORKER = 24;
/** How long the machine is watched for idle cores before workers are started: the clock that counts CPU time ticks
 *  every 10 ms on most systems, so a shorter look would see too few ticks to tell. */
const IDLE_SAMPLE_MS = 50;

/** What a worker is started with. */
export interface WorkerSetup {
  readonly settings: CheckSettings;
  /** The queue's shared memory (see JobQueue). */
  readonly queue: SharedArrayBuffer;
  /** The worker's own slot in the queue, where it says which file it is checking. */
  readonly slot: number;
}

export interface WorkerReply {
  readonly index: number;
  readonly report: FileReport;
}

const CELLS_PER_THREAD = 3;

/** Files [start, end) of a run. */
export interface Claim {
  readonly start: number;
  readonly end: number;
}

/** The next files to check, shared by all threads. Cell 0 counts files handed out; thread n has three cells: the file
 *  it has in hand (-1: none) and the start and end of its claim, so that when a worker dies the file it was on can be
 *  reported and the rest of its claim checked by another thread. */
export class JobQueue {
  private readonly cells: Int32Array;
  private readonly threads: number;

  constructor(
    buffer: SharedArrayBuffer,
    private readonly length: number,
  ) {
    this.cells = new Int32Array(buffer);
    this.threads = (this.cells.length - 1) / CELLS_PER_THREAD;
  }

  static create(threads: number): SharedArrayBuffer {
    const buffer = new SharedArrayBuffer((1 + CELLS_PER_THREAD * threads) * Int32Array.BYTES_PER_ELEMENT);
    new Int32Array(buffer).fill(-1, 1);
    return buffer;
  }

  /** The next files for the thread in `slot`, the first of them in hand; undefined when all are handed out. A claim
   *  is a run of files parsed together (RUN_FILES), fewer towards the end so that the threads finish together. */
  claim(slot: number): Claim | undefined {
    const left = this.length - Atomics.load(this.cells, 0);
    const count = Math.max(1, Math.min(RUN_FILES, Math.floor(left / (2 * this.threads))));
    const start = Atomics.add(this.cells, 0, count);
    const cell = 1 + CELLS_PER_THREAD * slot;
    if (start >= this.length) {
      Atomics.store(this.cells, cell, -1);
      return undefined;
    }
    const end = Math.min(start + count, this.length);
    Atomics.store(this.cells, cell + 1, start);
    Atomics.store(this.cells, cell + 2, end);
    Atomics.store(this.cells, cell, start);
    return { start, end };
  }

  /** Says that the thread in `slot` is on file `index` of its claim. */
  hold(slot: number, index: number): void {
    Atomics.store(this.cells, 1 + CELLS_PER_THREAD * slot, index);
  }

  /** The file the thread in `slot` has in hand, and the claim it is part of. */
  inHand(slot: number): { index: number; claim: Claim } | undefined {
    const cell = 1 + CELLS_PER_THREAD * slot;
    const index = Atomics.load(this.cells, cell);
    return index < 0 ? undefined : { index, claim: { start: Atomics.load(this.cells, cell + 1), end: Atomics.load(this.cells, cell + 2) } };
  }
}

/** The workers of one run. They are started as soon as the run promises to be large enough (while the files are still
 *  being listed), and they load the parser while this thread finishes the listing.
 *
 *  A worker is started only for a core that the rest of the machine leaves idle. Each thread pays the JIT's warm-up
 *  again (over a few hundred files, most of a thread's time goes by before the analysis code is optimised), so a
 *  worker that has to share a core with other programs costs more CPU time than it saves, and the run gets slower. */
export class CheckPool {
  private readonly workers = new Map<number, Worker>();
  private readonly queue: SharedArrayBuffer;
  private readonly threads: number;
  private readonly script: string;
  /** What the cores had done when the pool was made (undefined: the number of threads was given). */
  private readonly cpuAtStart: CpuTime | undefined;
  private decided = false;
  /** Set once the files are known: the workers wait for it. */
  private run: Run | undefined;

  /** `threads` (this one included) is how many to use whatever the machine is doing; by default, one per core at most,
   *  and only for the cores that are idle. `script` is the worker's (tests give one that fails). */
  constructor(
    private readonly settings: CheckSettings,
    options: { threads?: number; script?: string } = {},
  ) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.script = options.script ?? workerScript();
    this.queue = JobQueue.create(this.threads);
    this.cpuAtStart = options.threads === undefined ? cpuTime() : undefined;
  }

  /** Called as files are found: once `count` files would keep a worker busy and the machine has been watched long
   *  enough, starts the workers. */
  expect(count: number): void {
    if (!this.decided && count >= POOL_MIN_FILES && this.watched() >= IDLE_SAMPLE_MS) this.startWorkers(count);
  }

  /** Reports in the order of `jobs`, whatever order they finish in. */
  async check(jobs: readonly FileJob[], onProgress: (done: number) => void): Promise<FileReport[]> {
    const parser = createParser();
    // Its failure is reported where it is awaited below, not as an unhandled rejection during the wait.
    parser.catch(() => undefined);
    if (!this.decided && jobs.length >= POOL_MIN_FILES) {
      // Named files are listed at once: the machine is watched (while the parser loads) before the choice is made.
      await new Promise((done) => setTimeout(done, IDLE_SAMPLE_MS - this.watched()));
      this.startWorkers(jobs.length);
    }
    const run = new Run(jobs, new JobQueue(this.queue, jobs.length), onProgress);
    this.run = run;
    for (const worker of this.workers.values()) worker.postMessage(jobs);
    try {
      await run.checkHere(new FileChecker(await parser, this.settings));
      return await run.finished;
    } finally {
      for (const worker of this.workers.values()) void worker.terminate();
    }
  }

  private startWorkers(count: number): void {
    this.decided = true;
    // This thread is one of the checking threads.
    const wanted = Math.min(this.threads - 1, Math.floor(count / FILES_PER_WORKER) - 1, this.freeCores() - 1);
    for (let slot = 1; slot <= wanted; slot++) this.startWorker(slot);
  }

  /** Milliseconds the machine has been watched. */
  private watched(): number {
    return this.cpuAtStart ? performance.now() - this.cpuAtStart.wall : Infinity;
  }

  /** The cores that other programs left free since the pool was made (this process's own work does not count). */
  private freeCores(): number {
    if (!this.cpuAtStart) return this.threads;
    const now = cpuTime();
    // Some systems do not list their cores.
    if (now.cores === 0) return this.threads;
    const elapsed = Math.max(now.wall - this.cpuAtStart.wall, 1);
    const others = now.busy - this.cpuAtStart.busy - (now.own - this.cpuAtStart.own);
    return Math.round(now.cores - others / elapsed);
  }

  private startWorker(slot: number): void {
    const worker = new Worker(this.script, { workerData: { settings: this.settings, queue: this.queue, slot } satisfies WorkerSetup });
    this.workers.set(slot, worker);
    let failure: string | undefined;
    worker.on('message', ({ index, report }: WorkerReply) => this.run?.finish(index, report));
    worker.on('error', (error) => (failure = error.message));
    // Only 'exit' comes after every message the worker posted: a report may still be on its way at 'error'.
    worker.on('exit', (code) => {
      this.workers.delete(slot);
      this.run?.lost(slot, `internal error while checking it: ${failure ?? `the worker thread stopped (exit code ${code})`}`);
    });
    if (this.run) worker.postMessage(this.run.jobs);
  }
}

/** The files of one run and their reports as they come in. */
class Run {
  private readonly reports: FileReport[];
  private done = 0;
  /** The rest of the claims of workers that were lost. */
  private readonly orphans: Claim[] = [];
  /** This thread's checker, once it has one; and whether it is checking. */
  private checker: FileChecker | undefined;
  private checking = false;
  private resolve!: (reports: FileReport[]) => void;
  readonly finished = new Promise<FileReport[]>((resolve) => (this.resolve = resolve));

  constructor(
    readonly jobs: readonly FileJob[],
    private readonly queue: JobQueue,
    private readonly onProgress: (done: number) => void,
  ) {
    this.reports = new Array(jobs.length);
    if (jobs.length === 0) this.resolve(this.reports);
  }

  /** This thread's share: files from the common queue until none are left. */
  async checkHere(checker: FileChecker): Promise<void> {
    this.checker = checker;
    await this.checkRemaining();
  }

  /** Claims of the common queue, and of workers that were lost, until none are left. */
  private async checkRemaining(): Promise<void> {
    const checker = this.checker;
    if (!checker || this.checking) return;
    this.checking = true;
    try {
      for (let claim = this.orphans.pop() ?? this.queue.claim(0); claim; claim = this.orphans.pop() ?? this.queue.claim(0)) {
        await checkClaim(checker, this.jobs, claim, this.queue, 0, (index, report) => this.finish(index, report));
        // The workers' reports are taken in between claims; they would otherwise wait in the queue until the end.
        await new Promise((next) => setImmediate(next));
      }
    } finally {
      this.checking = false;
    }
  }

  finish(index: number, report: FileReport): void {
    if (this.reports[index]) return;
    this.reports[index] = report;
    this.onProgress(++this.done);
    if (this.done === this.jobs.length) this.resolve(this.reports);
  }

  /** A worker ended before the run did: the file it held is reported, and this thread checks the files of its claim
   *  that it did not report (and, as before, whatever is left in the queue). */
  lost(slot: number, problem: string): void {
    const held = this.queue.inHand(slot);
    if (!held) return;
    this.finish(held.index, failedReport(this.jobs[held.index], problem));
    for (let index = held.claim.start; index < held.claim.end; index++) {
      if (this.reports[index]) continue;
      const last = this.orphans.at(-1);
      if (last?.end === index) this.orphans[this.orphans.length - 1] = { start: last.start, end: index + 1 };
      else this.orphans.push({ start: index, end: index + 1 });
    }
    void this.checkRemaining();
  }
}

/** Checks the files of `claim`, telling the queue which one the thread in `slot` has in hand. */
export function checkClaim(
  checker: FileChecker,
  jobs: readonly FileJob[],
  claim: Claim,
  queue: JobQueue,
  slot: number,
  done: (index: number, report: FileReport) => void,
): Promise<void> {
  return checker.checkBatch(
    jobs.slice(claim.start, claim.end),
    (index) => queue.hold(slot, claim.start + index),
    (index, report) => done(claim.start + index, report),
  );
}

/** Milliseconds: of a monotonic clock, of all cores' work, and of this process's. */
interface CpuTime {
  readonly wall: number;
  readonly busy: number;
  readonly own: number;
  readonly cores: number;
}

function cpuTime(): CpuTime {
  const all = cpus();
  const busy = all.reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);
  const { user, system } = process.cpuUsage();
  return { wall: performance.now(), busy, own: (user + system) / 1000, cores: all.length };
}

/** The worker script: beside the bundle (dist/cli-worker.js), or beside this module when run from the compiled sources. */
function workerScript(): string {
  const bundled = join(__dirname, 'cli-worker.js');
  return existsSync(bundled) ? bundled : join(__dirname, 'worker.js');
}
