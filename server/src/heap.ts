// How V8 manages the memory of a process that analyses files: the language server, `layerlint check` (its worker
// threads share the setting) and the bench, which measures the engine as these run it.
import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring. V8 samples, per object or array literal in the code, how many of its
 * objects survive a young-generation collection, and when nearly all of a sample do, allocates every later object
 * of that literal directly in the old generation. The analysis of one file makes many small records that live
 * exactly as long as that file's analysis; samples taken while a file is being analysed see them all alive, and V8
 * pretenured a varying set of them (different literals from run to run, `--trace-pretenuring-statistics`). Each
 * such record that refers to a syntax node then keeps the whole node copy of its file (parent and child links)
 * alive until the next full collection, so node copies were promoted and full collections came 2–3 times as often:
 * the bench's analysis of its corpus ran 20–45% slower in most runs than with the flag (`layerlint check`, whose
 * files are shared among worker threads, showed pretenuring decisions too but no difference beyond noise). Without
 * pretenuring, a record that does outlive its file is promoted after surviving two young collections, as any other.
 *
 * The flag is read at each collection, so setting it while the process runs takes effect from the next one.
 */
export function tuneHeapForAnalysis(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
