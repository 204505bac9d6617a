// A worker thread of the check pool: it loads the parser while the files are being listed, then checks files from
// the shared queue until none are left, a claim of a few at a time, posting each report as it is made.
import { parentPort, workerData } from 'node:worker_threads';
import { createParser } from '../parse/parser';
import { FileChecker, type FileJob } from './engine';
import { checkClaim, JobQueue, type WorkerReply, type WorkerSetup } from './pool';

const { settings, queue, slot } = workerData as WorkerSetup;
const parser = createParser();

parentPort!.once('message', async (jobs: FileJob[]) => {
  const files = new JobQueue(queue, jobs.length);
  const checker = new FileChecker(await parser, settings);
  for (let claim = files.claim(slot); claim; claim = files.claim(slot)) {
    await checkClaim(checker, jobs, claim, files, slot, (index, report) => parentPort!.postMessage({ index, report } satisfies WorkerReply));
  }
  // With the listener gone, nothing keeps the thread alive: it ends once its reports are on their way.
});
