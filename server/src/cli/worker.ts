// A worker thread of the check pool: one parser for its lifetime, one file per message.
import { parentPort, workerData } from 'node:worker_threads';
import { createParser } from '../parse/parser';
import { checkFile, type CheckSettings } from './engine';
import type { WorkerReply, WorkerRequest } from './pool';

const settings = workerData as CheckSettings;
const parser = createParser();

parentPort?.on('message', async ({ index, job }: WorkerRequest) => {
  const report = await checkFile(job, await parser, settings);
  parentPort!.postMessage({ index, report } satisfies WorkerReply);
});
