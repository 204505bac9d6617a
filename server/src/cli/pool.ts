// Runs the per-file checks: in this thread for a few files, in a pool of worker threads for many. Starting a worker
// (loading the bundle and the parser) costs tens of milliseconds, which only a run of many files earns back.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createParser } from '../parse/parser';
import { checkFile, failedReport, type CheckSettings, type FileJob, type FileReport } from './engine';

/** Below this many files, one thread finishes before workers would have started. */
const POOL_MIN_FILES = 48;
/** Each worker should get at least this many files to pay for its start. */
const FILES_PER_WORKER = 24;

export interface WorkerRequest {
  readonly index: number;
  readonly job: FileJob;
}

export interface WorkerReply {
  readonly index: number;
  readonly report: FileReport;
}

/** Reports in the order of `jobs`, whatever order they finish in. */
export async function runChecks(jobs: readonly FileJob[], settings: CheckSettings, onProgress: (done: number) => void): Promise<FileReport[]> {
  const size = Math.min(availableParallelism(), Math.floor(jobs.length / FILES_PER_WORKER));
  if (jobs.length < POOL_MIN_FILES || size < 2) return runHere(jobs, settings, onProgress);
  return runInWorkers(jobs, settings, size, onProgress);
}

async function runHere(jobs: readonly FileJob[], settings: CheckSettings, onProgress: (done: number) => void): Promise<FileReport[]> {
  const parser = await createParser();
  const reports: FileReport[] = [];
  for (const job of jobs) {
    reports.push(await checkFile(job, parser, settings));
    onProgress(reports.length);
  }
  return reports;
}

/** The worker script: beside the bundle (dist/cli-worker.js), or beside this module when run from the compiled sources. */
function workerScript(): string {
  const bundled = join(__dirname, 'cli-worker.js');
  return existsSync(bundled) ? bundled : join(__dirname, 'worker.js');
}

function runInWorkers(
  jobs: readonly FileJob[],
  settings: CheckSettings,
  size: number,
  onProgress: (done: number) => void,
): Promise<FileReport[]> {
  const reports: FileReport[] = new Array(jobs.length);
  const script = workerScript();
  let next = 0;
  let done = 0;
  let running = 0;
  return new Promise((resolveAll) => {
    const finish = (index: number, report: FileReport) => {
      reports[index] = report;
      onProgress(++done);
    };
    const start = () => {
      const worker = new Worker(script, { workerData: settings });
      let current: number | undefined;
      running++;
      const feed = () => {
        if (next >= jobs.length) {
          current = undefined;
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ index: current, job: jobs[current] } satisfies WorkerRequest);
      };
      worker.on('message', (reply: WorkerReply) => {
        finish(reply.index, reply.report);
        feed();
      });
      worker.on('error', (error) => {
        // The file being checked when the worker died is reported; the others go on in a fresh worker.
        if (current !== undefined) finish(current, failedReport(jobs[current], `internal error while checking it: ${error.message}`));
        current = undefined;
        if (next < jobs.length) start();
      });
      worker.on('exit', () => {
        if (--running === 0) resolveAll(reports);
      });
      feed();
    };
    for (let i = 0; i < size; i++) start();
  });
}
